using NodaTime;
using SlaApi.Domain.Calendars;

namespace SlaApi.Domain.Incidents;

/// <summary>
/// The instants a clock is judged by (sla-semantics §3 and §7), in one place for the replay, the stored clocks and the
/// alarm planner, so a clock's verdict and its alerts can never disagree.
/// </summary>
public static class ClockRules
{
    /// <summary>
    /// The due instant: the earliest instant outside every pause at which the clock's elapsed business time has reached
    /// <paramref name="target"/>. A clock that reaches its target exactly as a pause begins is not running then: it is
    /// due when it resumes. Null when that instant lies past the last year the calendar lays out.
    /// </summary>
    /// <param name="pauses">Bounded intervals, ordered, merged and clipped to the clock's span.</param>
    public static Instant? DueInstant(BusinessCalendar calendar, Instant start, Duration target, ReadOnlySpan<Interval> pauses)
    {
        Instant reached;
        try
        {
            reached = calendar.AddBusinessTime(start, target, pauses);
        }
        catch (OutsideSupportedYearsException)
        {
            return null;
        }
        foreach (var pause in pauses)
        {
            if (pause.Start == reached)
                return pause.End;
            if (pause.Start > reached)
                break;
        }
        return reached;
    }

    /// <summary>
    /// When the clock's elapsed business time reaches <paramref name="threshold"/> % of <paramref name="target"/>,
    /// rounded down to the whole second; null past the last year the calendar lays out.
    /// </summary>
    public static Instant? ThresholdReachedAt(BusinessCalendar calendar, Instant start, Duration target, int threshold, ReadOnlySpan<Interval> pauses)
    {
        try
        {
            return Instant.FromUnixTimeSeconds(calendar.AddBusinessTime(start, Portion(target, threshold), pauses).ToUnixTimeSeconds());
        }
        catch (OutsideSupportedYearsException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether a threshold counts as crossed: reached strictly before the clock's stop (a stop at that instant cancels
    /// it), or by <paramref name="now"/> for a clock that has not stopped.
    /// </summary>
    public static bool IsCrossed(Instant? reachedAt, Instant? stoppedAt, Instant now) =>
        reachedAt is { } reached && (stoppedAt is { } stop ? reached < stop : reached <= now);

    public static Duration Portion(Duration target, int threshold) => Duration.FromTicks(target.BclCompatibleTicks * threshold / 100);
}
