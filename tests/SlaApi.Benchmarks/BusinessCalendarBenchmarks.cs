using BenchmarkDotNet.Attributes;
using NodaTime;
using SlaApi.Domain.Calendars;

namespace SlaApi.Benchmarks;

/// <summary>
/// Mon–Fri 08:00–17:00 America/New_York with 12 US holidays a year, 2026 to 2028. Each call starts on a Monday
/// afternoon in March 2026, after the calendar has laid out the years it needs (steady state).
/// </summary>
[MemoryDiagnoser]
public class BusinessCalendarBenchmarks
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 19, 30);

    private BusinessCalendar _calendar = null!;
    private Duration _target;
    private Instant _due;

    /// <summary>1 h, 8 h, 5 business days, 30 business days and one business year (250 days of 9 h).</summary>
    [Params("1h", "8h", "5d", "30d", "1y")]
    public string Target { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var weekdays = Enumerable.Range(1, 5).Select(d => new WeeklyInterval((IsoDayOfWeek)d, 8 * 60, 17 * 60));
        _calendar = new BusinessCalendar(DateTimeZoneProviders.Tzdb["America/New_York"], WeeklySchedule.Create(weekdays), UsHolidays(2026, 2028));
        _target = Target switch
        {
            "1h" => Duration.FromHours(1),
            "8h" => Duration.FromHours(8),
            "5d" => Duration.FromHours(5 * 9),
            "30d" => Duration.FromHours(30 * 9),
            _ => Duration.FromHours(250 * 9),
        };
        _due = _calendar.AddBusinessTime(Start, _target);
    }

    [Benchmark]
    public Instant AddBusinessTime() => _calendar.AddBusinessTime(Start, _target);

    [Benchmark]
    public Duration BusinessTimeBetween() => _calendar.BusinessTimeBetween(Start, _due);

    private static IEnumerable<LocalDate> UsHolidays(int firstYear, int lastYear)
    {
        for (var year = firstYear; year <= lastYear; year++)
        {
            yield return new LocalDate(year, 1, 1);
            yield return Nth(year, 1, IsoDayOfWeek.Monday, 3);
            yield return Nth(year, 2, IsoDayOfWeek.Monday, 3);
            yield return Last(year, 5, IsoDayOfWeek.Monday);
            yield return new LocalDate(year, 6, 19);
            yield return new LocalDate(year, 7, 4);
            yield return Nth(year, 9, IsoDayOfWeek.Monday, 1);
            yield return Nth(year, 10, IsoDayOfWeek.Monday, 2);
            yield return new LocalDate(year, 11, 11);
            yield return Nth(year, 11, IsoDayOfWeek.Thursday, 4);
            yield return Nth(year, 11, IsoDayOfWeek.Thursday, 4).PlusDays(1);
            yield return new LocalDate(year, 12, 25);
        }
    }

    private static LocalDate Nth(int year, int month, IsoDayOfWeek day, int n) =>
        new LocalDate(year, month, 1).With(DateAdjusters.NextOrSame(day)).PlusWeeks(n - 1);

    private static LocalDate Last(int year, int month, IsoDayOfWeek day) =>
        new LocalDate(year, month, 1).With(DateAdjusters.EndOfMonth).With(DateAdjusters.PreviousOrSame(day));
}
