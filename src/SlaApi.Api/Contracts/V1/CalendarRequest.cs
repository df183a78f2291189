using SlaApi.Application.Calendars;
using SlaApi.Application.Calendars.DefineCalendar;
using SlaApi.Application.Calendars.ReviseCalendar;

namespace SlaApi.Api.Contracts.V1;

/// <summary>A business calendar: an IANA zone, weekly opening hours and holidays.</summary>
/// <param name="Name">1 to 200 characters.</param>
/// <param name="TimeZone">An IANA time-zone id of the tz database, e.g. "Europe/London".</param>
/// <param name="Week">Opening intervals per weekday, "HH:mm" to "HH:mm"; "24:00" may end a day; an end not after the start crosses midnight.</param>
/// <param name="Holidays">Local dates closed from 00:00 to 24:00; at most 2000.</param>
public sealed record CalendarRequest(string Name, string TimeZone, WeeklyHours Week, IReadOnlyList<HolidayEntry>? Holidays)
{
    public DefineCalendarCommand ToDefineCommand() => new(Name, TimeZone, Week, Holidays);

    public ReviseCalendarCommand ToReviseCommand(Guid id, int expectedVersion) => new(id, expectedVersion, Name, TimeZone, Week, Holidays);
}
