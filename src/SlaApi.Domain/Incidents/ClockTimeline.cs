using NodaTime;
using SlaApi.Domain.Calendars;

namespace SlaApi.Domain.Incidents;

public enum SegmentKind
{
    Running,
    Paused,
    OutsideHours,
    Holiday,
    ResolvedGap,
}

/// <summary>A stretch of a clock's life during which one thing was true; only running time counts.</summary>
/// <param name="Reason">For a pause, the reason given with the status change that began it.</param>
public sealed record TimelineSegment(Instant From, Instant To, SegmentKind Kind, string? Status, string? Reason, Duration BusinessTime);

/// <summary>The evidence behind a clock: from its start to its stop (or now), what counted and why the rest did not.</summary>
public static class ClockTimeline
{
    /// <summary>A year of evidence: the segments of a longer-running clock stop there, so the answer stays small.</summary>
    public static readonly Duration LongestSpan = Duration.FromDays(366);

    public static bool IsTruncated(SlaClock clock, Instant now) => (clock.StoppedAt ?? now) - clock.StartedAt > LongestSpan;

    public static IReadOnlyList<TimelineSegment> Of(SlaClock clock, BusinessCalendar calendar, Instant now)
    {
        var start = clock.StartedAt;
        var end = IsTruncated(clock, now) ? start + LongestSpan : clock.StoppedAt ?? now;
        if (end <= start)
            return [];

        var boundaries = new SortedSet<Instant> { start, end };
        foreach (var pause in clock.PausePeriods)
        {
            boundaries.Add(pause.Start);
            boundaries.Add(pause.End);
        }
        foreach (var open in calendar.OpenIntervals(start, end))
        {
            boundaries.Add(open.Start);
            boundaries.Add(open.End);
        }
        boundaries.UnionWith(calendar.HolidayEdges(start, end));

        var segments = new List<TimelineSegment>();
        var points = boundaries.Where(p => p >= start && p <= end).ToArray();
        for (var i = 0; i + 1 < points.Length; i++)
        {
            var (from, to) = (points[i], points[i + 1]);
            var (kind, status, reason) = Classify(clock, calendar, from);
            var business = kind == SegmentKind.Running ? to - from : Duration.Zero;
            if (segments.Count > 0 && segments[^1] is { } last && last.Kind == kind && last.Status == status && last.Reason == reason)
                segments[^1] = last with { To = to, BusinessTime = last.BusinessTime + business };
            else
                segments.Add(new TimelineSegment(from, to, kind, status, reason, business));
        }
        return segments;
    }

    private static (SegmentKind Kind, string? Status, string? Reason) Classify(SlaClock clock, BusinessCalendar calendar, Instant at)
    {
        var covering = clock.PausePeriods.Where(p => p.Start <= at && at < p.End).ToArray();
        if (covering.Any(p => p.IsResolvedGap))
            return (SegmentKind.ResolvedGap, null, null);
        if (covering.FirstOrDefault() is { } pause)
            return (SegmentKind.Paused, pause.Status, pause.Reason);
        if (calendar.IsOpen(at))
            return (SegmentKind.Running, null, null);
        return (calendar.IsHolidayAt(at) ? SegmentKind.Holiday : SegmentKind.OutsideHours, null, null);
    }
}
