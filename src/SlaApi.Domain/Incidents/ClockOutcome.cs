using NodaTime;

namespace SlaApi.Domain.Incidents;

/// <summary>
/// How one clock cycle settles (sla-semantics §6): when it stopped or breached, whichever came first. A running clock
/// is breached at its due instant unless an event changes it first, so it is stored settled there in advance and
/// counts once that instant has passed; only a paused clock has no outcome.
/// </summary>
/// <param name="Elapsed">Business time at the stop; null for a clock that has not stopped.</param>
/// <param name="Priority">The priority whose target the cycle held, which reports group it by.</param>
/// <param name="Paused">What the cycle spent paused, per reason, once stopped; null before.</param>
public sealed record ClockOutcome(
    ClockMetric Metric,
    int Cycle,
    bool Breached,
    Instant SettledAt,
    Instant StartedAt,
    Instant? StoppedAt,
    Duration Target,
    Duration? Elapsed,
    bool Retroactive,
    int Priority,
    PauseTally? Paused = null)
{
    /// <summary>The outcome of a judged cycle; null while it is paused.</summary>
    public static ClockOutcome? Of(ClockCycle cycle) =>
        (cycle.SettledAt ?? (cycle.State == ClockState.Running ? cycle.DueAt : null)) is { } settledAt
            ? new ClockOutcome(cycle.Metric, cycle.Cycle, cycle.BreachedAt is not null || cycle.StoppedAt is null, settledAt,
                cycle.StartedAt, cycle.StoppedAt, cycle.Target, cycle.StoppedAt is null ? null : cycle.Elapsed, cycle.Retroactive, cycle.Priority,
                cycle.StoppedAt is null ? null : cycle.Paused)
            : null;
}
