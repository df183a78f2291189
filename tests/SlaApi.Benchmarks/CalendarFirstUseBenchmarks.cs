using BenchmarkDotNet.Attributes;
using NodaTime;
using SlaApi.Domain.Calendars;

namespace SlaApi.Benchmarks;

/// <summary>
/// The one-off cost a calendar version pays on first use: laying out the open spans of a local year. The API
/// keeps built calendar versions, so a request pays it once per version and year.
/// </summary>
[MemoryDiagnoser]
public class CalendarFirstUseBenchmarks
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 19, 30);
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly WeeklySchedule OfficeHours =
        WeeklySchedule.Create(Enumerable.Range(1, 5).Select(d => new WeeklyInterval((IsoDayOfWeek)d, 8 * 60, 17 * 60)));

    [Benchmark]
    public Instant NewCalendar_FirstAddBusinessTime() =>
        new BusinessCalendar(NewYork, OfficeHours, []).AddBusinessTime(Start, Duration.FromHours(1));
}
