using NodaTime;
using SlaApi.Domain.Calendars;

namespace SlaApi.Application.Calendars;

public sealed record CalendarDto(
    Guid Id,
    int Version,
    string Name,
    string TimeZone,
    WeeklyHours Week,
    IReadOnlyList<HolidayEntry> Holidays,
    DateTimeOffset VersionEffectiveFrom,
    bool BuiltIn)
{
    public static CalendarDto From(Calendar calendar) => new(
        calendar.Id,
        calendar.Version,
        calendar.Name,
        calendar.TimeZoneId,
        WeeklyHours.From(calendar.Week),
        calendar.Holidays.Select(h => new HolidayEntry(h.Date.ToDateOnly(), h.Name)).ToArray(),
        calendar.VersionEffectiveFrom,
        calendar.IsBuiltIn);
}
