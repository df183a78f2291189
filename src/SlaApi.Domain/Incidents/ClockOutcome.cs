using NodaTime;

namespace SlaApi.Domain.Incidents;

/// <summary>
/// How one clock cycle settles (sla-semantics §6): when it stopped or breached, whichever came first. A running clock
/// is breached at its due instant unless an event changes it first, so it is stored settled there in advance and
/// counts once that instant has passed; only a paused clock has no outcome.
/// </summary>
/// <param name="Elapsed">Business time at the stop; null for a clock that has not stopped.</param>
public sealed record ClockOutcome(
    ClockMetric Metric,
    int Cycle,
    bool Breached,
    Instant SettledAt,
    Instant StartedAt,
    Instant? StoppedAt,
    Duration Target,
    Duration? Elapsed,
    bool Retroactive)
{
    /// <summary>The outcome of a clock evaluated in full; null while it is paused.</summary>
    public static ClockOutcome? Of(SlaClock clock) =>
        (clock.SettledAt ?? (clock.State == ClockState.Running ? clock.DueAt : null)) is { } settledAt
            ? new ClockOutcome(clock.Metric, clock.Cycle, clock.BreachedAt is not null || clock.StoppedAt is null, settledAt,
                clock.StartedAt, clock.StoppedAt, clock.Target, clock.StoppedAt is null ? null : clock.Elapsed, clock.Retroactive)
            : null;
}
