using NodaTime;

namespace SlaApi.Domain.Incidents;

/// <summary>
/// A clock as the writer stored it after the incident's last event. Its due and warning instants do not move while
/// nothing happens, so its state at any later instant follows without a replay. Lists filter by the same rules in SQL
/// (the incident read side); an integration test holds the two to one another.
/// </summary>
public sealed record StoredClock(
    ClockMetric Metric, ClockState State, Instant StartedAt, Instant? StoppedAt, long TargetSeconds, long RemainingSeconds,
    Instant? DueAt, Instant? WarningAt, Instant? BreachedAt, bool Retroactive)
{
    /// <summary>A running clock whose due instant has passed is breached; any other keeps its stored state.</summary>
    public ClockState StateAt(Instant now) => State == ClockState.Running && DueAt < now ? ClockState.Breached : State;

    /// <summary>At risk: still running or paused, and past its first warning threshold.</summary>
    public bool AtRiskAt(Instant now) => StateAt(now) is ClockState.Running or ClockState.Paused && WarningAt <= now;

    public bool IsBreachedAt(Instant now) => StateAt(now) == ClockState.Breached;
}
