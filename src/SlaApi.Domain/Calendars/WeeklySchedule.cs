using NodaTime;
using SlaApi.Domain.Common;

namespace SlaApi.Domain.Calendars;

/// <summary>The opening intervals of a week. Intervals may not overlap anywhere in the weekly cycle.</summary>
public sealed class WeeklySchedule
{
    private const int MinutesPerWeek = 7 * WeeklyInterval.MinutesPerDay;

    private readonly WeeklyInterval[][] _byDay;

    private WeeklySchedule(IReadOnlyList<WeeklyInterval> intervals)
    {
        Intervals = intervals;
        _byDay = new WeeklyInterval[8][];
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            var current = day;
            _byDay[(int)day] = intervals.Where(i => i.Day == current).OrderBy(i => i.StartMinute).ToArray();
        }
    }

    public static WeeklySchedule AlwaysOpen { get; } = Create(
        Enumerable.Range(1, 7).Select(d => new WeeklyInterval((IsoDayOfWeek)d, 0, WeeklyInterval.MinutesPerDay)));

    public IReadOnlyList<WeeklyInterval> Intervals { get; }

    public static WeeklySchedule Create(IEnumerable<WeeklyInterval> intervals)
    {
        var ordered = intervals.OrderBy(i => i.Day).ThenBy(i => i.StartMinute).ToArray();
        if (ordered.Length == 0)
            throw new BusinessRuleException("calendar.no-open-time", "A calendar needs at least one open interval in its week.");

        var overlap = FindOverlap(ordered);
        if (overlap is var (first, second))
            throw new BusinessRuleException(
                "calendar.overlapping-intervals",
                $"The interval {first} overlaps the interval {second}.");

        return new WeeklySchedule(ordered);
    }

    /// <summary>The first pair of intervals that share a minute of the weekly cycle, counting overnight spill-over.</summary>
    public static (WeeklyInterval First, WeeklyInterval Second)? FindOverlap(IReadOnlyList<WeeklyInterval> intervals)
    {
        var spans = intervals.Select(i => (Interval: i, Minutes: i.WeekMinutes())).OrderBy(s => s.Minutes.Start).ToArray();
        for (var a = 0; a < spans.Length; a++)
        {
            for (var b = a + 1; b < spans.Length; b++)
            {
                if (Overlaps(spans[a].Minutes, spans[b].Minutes))
                    return (spans[a].Interval, spans[b].Interval);
            }
        }
        return null;
    }

    internal ReadOnlySpan<WeeklyInterval> On(IsoDayOfWeek day) => _byDay[(int)day];

    private static bool Overlaps((int Start, int End) a, (int Start, int End) b)
    {
        // Sunday's overnight interval runs into Monday of the next week: compare on the cycle.
        for (var shift = -MinutesPerWeek; shift <= MinutesPerWeek; shift += MinutesPerWeek)
        {
            if (a.Start < b.End + shift && b.Start + shift < a.End)
                return true;
        }
        return false;
    }
}
