using NodaTime;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Common;

namespace SlaApi.Domain.Incidents;

/// <summary>
/// The business time a stopped cycle spent paused, on its own calendar, per reason given for the pause (null for none), in
/// whole seconds: its status pauses that did not count, under a cap only the part before the cap; reopen gaps left out.
/// </summary>
public sealed record PauseTally(IReadOnlyList<PausedTime> ByReason)
{
    public static readonly PauseTally None = new([]);

    public Duration Total => ByReason.Aggregate(Duration.Zero, (sum, r) => sum + r.Time);

    /// <summary>The pause periods of a cycle summed per reason, in the order no reason first, then reasons by code.</summary>
    public static PauseTally Of(IEnumerable<PausePeriod> periods, BusinessCalendar calendar)
    {
        var byReason = new List<PausedTime>();
        foreach (var period in periods)
        {
            if (period.IsResolvedGap)
                continue;
            var time = calendar.BusinessTimeBetween(period.Start, period.End);
            var index = byReason.FindIndex(r => r.Reason == period.Reason);
            if (index < 0)
                byReason.Add(new PausedTime(period.Reason, time));
            else
                byReason[index] = byReason[index] with { Time = byReason[index].Time + time };
        }
        if (byReason.Count == 0)
            return None;
        return new PauseTally(byReason
            .Where(r => r.Time.WholeSeconds() > 0)
            .Select(r => r with { Time = Duration.FromSeconds(r.Time.WholeSeconds()) })
            .OrderBy(r => r.Reason, StringComparer.Ordinal)
            .ToArray());
    }

    public bool Equals(PauseTally? other) => other is not null && ByReason.SequenceEqual(other.ByReason);

    public override int GetHashCode() => ByReason.Count;
}

/// <param name="Reason">The reason code the pause was given for; null for none.</param>
public readonly record struct PausedTime(string? Reason, Duration Time);
