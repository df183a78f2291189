using NodaTime;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;

namespace SlaApi.Domain.Alerts;

/// <summary>
/// The alerts an incident's clocks will raise, from one evaluation (sla-semantics §7). A running clock plans each warning
/// threshold and its breach in business time; a paused clock plans only what it already reached, since the next event
/// re-plans it; a stopped clock keeps only its breach, or its being met, and cancels the warnings that had not fired.
/// An excluded incident plans nothing. Instants already past are planned too: they fire at once. The instants are the
/// clock's own (<see cref="ClockRules"/>), so an alert never says what the clock does not.
/// </summary>
public static class AlarmPlanner
{
    public static IReadOnlyList<PlannedAlarm> Plan(Guid incidentId, BoundSla sla, SlaEvaluation evaluation)
    {
        if (evaluation.Excluded)
            return [];
        var alarms = new List<PlannedAlarm>();
        foreach (var clock in evaluation.Clocks)
            alarms.AddRange(PlanClock(incidentId, sla, clock));
        return alarms;
    }

    /// <summary>An incident that opened with no agreement to bind it.</summary>
    public static PlannedAlarm Unbound(Guid incidentId, Instant openedAt) =>
        new($"{incidentId:N}/incident/unbound", AlertTypes.Unbound, null, null, null, openedAt, null, null);

    public static IEnumerable<PlannedAlarm> PlanClock(Guid incidentId, BoundSla sla, SlaClock clock)
    {
        var prefix = $"{incidentId:N}/{WireName.Of(clock.Metric)}/{clock.Cycle}";
        var coverage = sla.Policy.CalendarId;
        var due = clock.DueAt ?? clock.BreachedAt;
        if (clock.State == ClockState.Met)
        {
            yield return new PlannedAlarm($"{prefix}/met", AlertTypes.Met, clock.Metric, clock.Cycle, null, clock.StoppedAt!.Value, null, coverage);
            yield break;
        }
        if (clock.BreachedAt is { } breachedAt)
            yield return Alarm("breach", AlertTypes.Breached, null, breachedAt, clock.Retroactive);
        else if (clock.State == ClockState.Running && clock.DueAt is { } dueAt)
            yield return Alarm("breach", AlertTypes.Breached, null, dueAt);
        if (clock.StoppedAt is not null)
            yield break;

        var calendar = sla.Calendar(clock.CalendarId);
        var pauses = clock.Pauses as Interval[] ?? [.. clock.Pauses];
        foreach (var threshold in sla.Policy.WarningThresholds)
        {
            if (clock.State != ClockState.Running && !clock.ThresholdsCrossed.Contains(threshold))
                continue;
            if (ClockRules.ThresholdReachedAt(calendar, clock.StartedAt, clock.Target, threshold, pauses) is { } reachedAt)
                yield return Alarm($"t{threshold}", AlertTypes.ThresholdReached, threshold, reachedAt);
        }

        PlannedAlarm Alarm(string kind, string type, int? threshold, Instant occursAt, bool retroactive = false) =>
            new($"{prefix}/{kind}", type, clock.Metric, clock.Cycle, threshold, occursAt, due, coverage, retroactive);
    }
}
