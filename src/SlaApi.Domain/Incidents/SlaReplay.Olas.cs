using NodaTime;
using SlaApi.Domain.Policies;
using SlaApi.Domain.Teams;
using RawPause = (NodaTime.Instant Start, NodaTime.Instant? End, string? Status, string? Reason);

namespace SlaApi.Domain.Incidents;

public static partial class SlaReplay
{
    /// <summary>
    /// Each assignment of the incident to a team (docs/sla-semantics.md §9): an assigned event to another team than the one
    /// holding it ends that one's hold and begins the new team's; the resolution ends it, and a reopen gives the incident back
    /// to the team that held it last. A team assigned while the incident is resolved holds it from the reopen.
    /// </summary>
    public static IReadOnlyList<OlaAssignment> Assignments(IncidentHistory history, Instant now) =>
        HoldsOf(history, now).Select(h => h.Assignment).ToArray();

    /// <summary>
    /// The OLA clocks of every assignment, judged as the SLA's clocks are (sla-semantics §3) on the team's calendar, against
    /// the OLA targets of the priority in force: acknowledge stops at the team's first response, update or plan, resolve at
    /// the handover or the resolution, and either stops at the end of the hold. They pause as the SLA's response and
    /// resolution clocks do, under the same cap.
    /// </summary>
    /// <param name="teams">The team of each of <see cref="Assignments"/>, in their order.</param>
    public static IReadOnlyList<OlaClock> EvaluateOlas(BoundSla? sla, IncidentHistory history, IReadOnlyList<AssignedTeam> teams, Instant now)
    {
        var holds = HoldsOf(history, now);
        if (teams.Count != holds.Count)
            throw new ArgumentException($"{holds.Count} assignments need as many teams; {teams.Count} were given.", nameof(teams));
        var policy = sla?.Policy;
        var facts = Facts.From(policy?.PauseStatuses ?? [], Duration.FromMinutes(policy?.ReopenWindowMinutes ?? SlaPolicy.DefaultReopenWindowMinutes), history, now);
        var capMinutes = policy?.MaxPauseMinutes;
        var clocks = new List<OlaClock>(holds.Count);
        for (var i = 0; i < holds.Count; i++)
        {
            var (assignment, acknowledge, resolve) = holds[i];
            var (team, calendar) = teams[i];
            IReadOnlyList<RawPause> acknowledgePauses = policy?.PauseResponse == true ? Overlapping(facts.StatusPauses, acknowledge, now) : [];
            var acknowledged = Judge(acknowledge, acknowledgePauses,
                priority => team.TargetOf(priority) is { } target ? new Held(priority, Duration.FromMinutes(target.AcknowledgeMinutes), team.CalendarId, calendar) : null,
                capMinutes, now);
            var resolved = Judge(resolve, Overlapping(facts.StatusPauses, resolve, now),
                priority => team.TargetOf(priority) is { } target ? new Held(priority, Duration.FromMinutes(target.ResolveMinutes), team.CalendarId, calendar) : null,
                capMinutes, now);
            clocks.Add(new OlaClock(assignment, team, acknowledged?.Verdict, resolved?.Verdict));
        }
        return clocks;
    }

    private static List<(OlaAssignment Assignment, Cycle Acknowledge, Cycle Resolve)> HoldsOf(IncidentHistory history, Instant now)
    {
        var holds = new List<Hold>();
        var priority = history.Priority;
        var resolved = false;
        Guid? holder = null;
        Hold? open = null;
        foreach (var e in history.Events.Where(e => e.OccurredAt <= now).OrderBy(e => e.OccurredAt).ThenBy(e => e.Sequence))
        {
            switch (e.Type)
            {
                case IncidentEventType.Assigned when e.TeamId is { } team && (open?.TeamId != team):
                    open?.End(e.OccurredAt);
                    holder = team;
                    open = resolved ? null : Begin(team, e.OccurredAt);
                    break;
                case IncidentEventType.Responded or IncidentEventType.Updated or IncidentEventType.Planned when open is not null:
                    open.Acknowledge.Stop ??= e.OccurredAt;
                    break;
                case IncidentEventType.PriorityChanged when e.Priority is { } changed && changed != priority:
                    priority = changed;
                    open?.Acknowledge.Retarget(e.OccurredAt, changed);
                    open?.Resolve.Retarget(e.OccurredAt, changed);
                    break;
                case IncidentEventType.Resolved when !resolved:
                    resolved = true;
                    open?.End(e.OccurredAt);
                    open = null;
                    break;
                case IncidentEventType.Reopened when resolved:
                    resolved = false;
                    open = holder is { } last ? Begin(last, e.OccurredAt) : null;
                    break;
            }
        }
        return holds.Select((h, i) => (new OlaAssignment(i + 1, h.TeamId, h.Resolve.Start, h.Resolve.Stop), h.Acknowledge, h.Resolve)).ToList();

        Hold Begin(Guid team, Instant at)
        {
            var hold = new Hold(team, new Cycle(at, priority), new Cycle(at, priority));
            holds.Add(hold);
            return hold;
        }
    }

    private sealed record Hold(Guid TeamId, Cycle Acknowledge, Cycle Resolve)
    {
        public void End(Instant at)
        {
            Acknowledge.Stop ??= at;
            Resolve.Stop ??= at;
        }
    }
}
