using NodaTime;
using NodaTime.TimeZones;
using SlaApi.Domain.Calendars;

namespace SlaApi.Domain.UnitTests.Calendars;

/// <summary>
/// The reference the engine is checked against: the rules of sla-semantics §2 read literally, one minute at a time.
/// Slow on purpose; it shares no code with <see cref="BusinessCalendar"/> beyond the tz data.
/// </summary>
public sealed class NaiveBusinessClock(DateTimeZone zone, IReadOnlyList<WeeklyInterval> intervals, IReadOnlySet<LocalDate> holidays)
{
    public Duration BusinessTimeBetween(Instant from, Instant to)
    {
        var spans = OpenPartsAround(from, to);
        var minutes = 0;
        for (var minute = from; minute < to; minute += Duration.FromMinutes(1))
        {
            if (spans.Any(s => s.Start <= minute && minute < s.End))
                minutes++;
        }
        return Duration.FromMinutes(minutes);
    }

    private List<(Instant Start, Instant End)> OpenPartsAround(Instant from, Instant to)
    {
        var parts = new List<(Instant, Instant)>();
        var firstDate = from.InZone(zone).Date.PlusDays(-2);
        var lastDate = to.InZone(zone).Date.PlusDays(1);
        for (var date = firstDate; date <= lastDate; date = date.PlusDays(1))
        {
            foreach (var interval in intervals.Where(i => i.Day == date.DayOfWeek))
            {
                var sameDayEnd = interval.EndMinute > interval.StartMinute ? interval.EndMinute : WeeklyInterval.MinutesPerDay;
                AddPart(parts, date, interval.StartMinute, sameDayEnd);
                if (interval.EndMinute <= interval.StartMinute)
                    AddPart(parts, date.PlusDays(1), 0, interval.EndMinute);
            }
        }
        return parts;
    }

    private void AddPart(List<(Instant, Instant)> parts, LocalDate date, int startMinute, int endMinute)
    {
        if (holidays.Contains(date))
            return;
        var start = zone.ResolveLocal(date.AtMidnight().PlusMinutes(startMinute), Resolvers.LenientResolver).ToInstant();
        var end = zone.ResolveLocal(date.AtMidnight().PlusMinutes(endMinute), Resolvers.LenientResolver).ToInstant();
        parts.Add((start, end));
    }
}
