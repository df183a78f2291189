using NodaTime;
using SlaApi.Domain.Calendars;

namespace SlaApi.Domain.UnitTests.Builders;

/// <summary>Builds engine calendars from readable schedules such as <c>"Mon-Fri 08:00-17:00"</c>.</summary>
public sealed class CalendarBuilder
{
    private readonly List<WeeklyInterval> _intervals = [];
    private readonly List<LocalDate> _holidays = [];
    private string _zone = "UTC";

    public CalendarBuilder InZone(string zone)
    {
        _zone = zone;
        return this;
    }

    /// <param name="days">"Mon", "Mon-Fri" or "Mon-Sun".</param>
    /// <param name="hours">"08:00-17:00"; an end not after the start crosses midnight.</param>
    public CalendarBuilder Open(string days, string hours)
    {
        var (first, last) = ParseDays(days);
        var parts = hours.Split('-');
        for (var day = first; day <= last; day++)
            _intervals.Add(new WeeklyInterval(day, Minutes(parts[0]), Minutes(parts[1])));
        return this;
    }

    public CalendarBuilder WithHoliday(int year, int month, int day)
    {
        _holidays.Add(new LocalDate(year, month, day));
        return this;
    }

    public BusinessCalendar Build() =>
        new(DateTimeZoneProviders.Tzdb[_zone], WeeklySchedule.Create(_intervals), _holidays);

    public static BusinessCalendar OfficeHoursNewYork() =>
        new CalendarBuilder().InZone("America/New_York").Open("Mon-Fri", "08:00-17:00").Build();

    private static int Minutes(string hhmm) => int.Parse(hhmm[..2]) * 60 + int.Parse(hhmm[3..]);

    private static (IsoDayOfWeek First, IsoDayOfWeek Last) ParseDays(string days)
    {
        var names = days.Split('-');
        return (Day(names[0]), Day(names[^1]));
    }

    private static IsoDayOfWeek Day(string name) => name switch
    {
        "Mon" => IsoDayOfWeek.Monday,
        "Tue" => IsoDayOfWeek.Tuesday,
        "Wed" => IsoDayOfWeek.Wednesday,
        "Thu" => IsoDayOfWeek.Thursday,
        "Fri" => IsoDayOfWeek.Friday,
        "Sat" => IsoDayOfWeek.Saturday,
        "Sun" => IsoDayOfWeek.Sunday,
        _ => throw new ArgumentException($"Unknown day '{name}'.", nameof(name)),
    };
}
