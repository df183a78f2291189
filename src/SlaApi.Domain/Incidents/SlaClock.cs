using NodaTime;
using SlaApi.Domain.Common;

namespace SlaApi.Domain.Incidents;

public enum ClockMetric
{
    Response,
    Plan,
    Resolution,
    Update,
    NextReply,
}

public static class ClockMetrics
{
    /// <summary>Each metric's name on the wire and in storage, in the order an incident's clocks are listed.</summary>
    public static readonly IReadOnlyList<string> Names = Enum.GetValues<ClockMetric>().Select(WireName.Of).ToArray();
}

public enum ClockState
{
    Running,
    Paused,
    Met,
    Breached,
}

/// <summary>One clock of an incident at one instant (sla-semantics §3).</summary>
/// <param name="Cycle">1 for the first cycle; resolution counts reopen-after-window cycles, update counts updates.</param>
/// <param name="DueAt">When elapsed will reach the target if the clock is not paused again; null while paused and once stopped.</param>
/// <param name="BreachedAt">When elapsed passed the target, which may lie before the event that revealed it.</param>
/// <param name="WarningAt">When percent elapsed reaches the lowest warning threshold (past or, while running, future).</param>
/// <param name="SettledAt">When the clock stopped or breached, whichever came first.</param>
/// <param name="Retroactive">Breached only because a priority change gave it a target it had already exceeded.</param>
/// <param name="Pauses">The intervals that did not count, within [StartedAt, StoppedAt or now), merged.</param>
/// <param name="PausePeriods">The same time as it happened: each pause with its cause, possibly overlapping.</param>
public sealed record SlaClock(
    ClockMetric Metric,
    int Cycle,
    ClockState State,
    Guid CalendarId,
    Instant StartedAt,
    Instant? StoppedAt,
    Duration Target,
    Duration Elapsed,
    Duration Remaining,
    double PercentElapsed,
    Instant? DueAt,
    Instant? WarningAt,
    Instant? BreachedAt,
    Instant? SettledAt,
    bool AtRisk,
    IReadOnlyList<int> ThresholdsCrossed,
    bool Retroactive,
    IReadOnlyList<Interval> Pauses,
    IReadOnlyList<PausePeriod> PausePeriods);

/// <summary>Why a clock did not count: a pause status (with the reason given for it), or the gap between a resolution and a reopen inside the window.</summary>
public sealed record PausePeriod(Instant Start, Instant End, string? Status, string? Reason = null)
{
    public bool IsResolvedGap => Status is null;
}

/// <summary>
/// One cycle of one metric as it is judged (sla-semantics §3): the target it holds, the instant it is due and its verdict.
/// A cycle keeps the target of the priority in force while it counted; once stopped or breached it changes no more.
/// </summary>
/// <param name="Priority">The priority whose target the cycle holds.</param>
/// <param name="DueAt">The instant the verdict is judged by: when elapsed reached, or will reach, the target; null while
/// paused (the instant is not known until the clock resumes) or past the last laid-out year.</param>
/// <param name="BreachedAt">The due instant, once the clock ran or stopped after it.</param>
/// <param name="Retroactive">Breached before the priority change that gave it its target, a target the previous priority's
/// target had not let it exceed.</param>
/// <param name="Paused">What a stopped cycle spent paused, per reason; null until it stops.</param>
public sealed record ClockCycle(
    ClockMetric Metric,
    int Cycle,
    int Priority,
    ClockState State,
    Guid CalendarId,
    Instant StartedAt,
    Instant? StoppedAt,
    Duration Target,
    Duration Elapsed,
    Instant? DueAt,
    Instant? BreachedAt,
    bool Retroactive,
    PauseTally? Paused = null)
{
    /// <summary>When the cycle stopped or breached, whichever came first.</summary>
    public Instant? SettledAt => (StoppedAt, BreachedAt) switch
    {
        ({ } stop, { } breach) => stop < breach ? stop : breach,
        ({ } stop, null) => stop,
        (null, { } breach) => breach,
        _ => null,
    };
}

/// <summary>
/// How one cycle of a clock is judged (sla-semantics §3), the same for an SLA metric and an OLA: the target it holds, the
/// instant it is due and its verdict. <see cref="ClockCycle"/> is an SLA metric's numbered cycle of it.
/// </summary>
public readonly record struct ClockVerdict(
    int Priority,
    ClockState State,
    Guid CalendarId,
    Instant StartedAt,
    Instant? StoppedAt,
    Duration Target,
    Duration Elapsed,
    Instant? DueAt,
    Instant? BreachedAt,
    bool Retroactive)
{
    public ClockCycle Of(ClockMetric metric, int number, PauseTally? paused) =>
        new(metric, number, Priority, State, CalendarId, StartedAt, StoppedAt, Target, Elapsed, DueAt, BreachedAt, Retroactive, paused);
}

/// <summary>Everything replay concludes about an incident at one instant.</summary>
/// <param name="Clocks">The current cycle of each metric.</param>
/// <param name="Cycles">Every cycle of every metric, in metric and cycle order.</param>
/// <param name="Outcomes">How every cycle of every metric settled, earlier cycles included, in metric and cycle order: what reports count.</param>
/// <param name="FirstResolutionTime">Business time from opening to the first resolution, pauses left out.</param>
/// <param name="FinalResolutionTime">Business time of all resolution cycles once the last one stopped, pauses and reopen gaps left out.</param>
public sealed record SlaEvaluation(
    int Priority,
    string? Status,
    bool Excluded,
    string? ExclusionReason,
    Instant? FirstResolvedAt,
    Instant? FinalResolvedAt,
    IReadOnlyList<SlaClock> Clocks,
    IReadOnlyList<ClockCycle> Cycles,
    IReadOnlyList<ClockOutcome> Outcomes,
    Duration? FirstResolutionTime,
    Duration? FinalResolutionTime);
