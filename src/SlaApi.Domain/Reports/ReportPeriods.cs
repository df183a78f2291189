using NodaTime;

namespace SlaApi.Domain.Reports;

public enum PeriodUnit
{
    Day,
    Week,
    Month,
}

/// <summary>
/// The half-open periods [start, end) a report is cut into: the local days, ISO weeks (from Monday) or months of a
/// zone that overlap [from, to), clipped to it. Each boundary is the local midnight that starts the next period, so a
/// day may last 23 or 25 hours; a midnight that a DST change skips starts the day at the first instant after the gap.
/// </summary>
public static class ReportPeriods
{
    public static IReadOnlyList<Interval> Between(Instant from, Instant to, DateTimeZone zone, PeriodUnit? unit)
    {
        if (unit is not { } step)
            return [new Interval(from, to)];
        var periods = new List<Interval>();
        var start = from;
        var date = from.InZone(zone).Date;
        while (start < to)
        {
            date = Next(date, step);
            var end = Instant.Min(zone.AtStartOfDay(date).ToInstant(), to);
            periods.Add(new Interval(start, end));
            start = end;
        }
        return periods;
    }

    private static LocalDate Next(LocalDate date, PeriodUnit unit) => unit switch
    {
        PeriodUnit.Day => date.PlusDays(1),
        PeriodUnit.Week => date.Next(IsoDayOfWeek.Monday),
        _ => new LocalDate(date.Year, date.Month, 1).PlusMonths(1),
    };
}
