using NodaTime;
using SlaApi.Domain.Incidents;

namespace SlaApi.Domain.Connectors;

public enum TicketOutcome
{
    Applied,
    Stale,
    Ignored,
    Unmapped,
}

/// <summary>An event the difference between two versions of a ticket amounts to.</summary>
public sealed record DerivedEvent(IncidentEventType Type, Instant OccurredAt, string? Status = null, int? Priority = null, Guid? TeamId = null);

/// <summary>What opening the incident of a ticket seen for the first time needs.</summary>
public sealed record TicketOpening(string CompanyId, string Title, int Priority, string? Status, Instant OpenedAt);

/// <summary>What a snapshot amounts to: for an applied one, the incident to open (if new), its events and the next state.</summary>
public sealed record TicketDecision(
    TicketOutcome Outcome, string? Reason, TicketOpening? Opening, IReadOnlyList<DerivedEvent> Events, TicketState? Next)
{
    public static TicketDecision Refused(TicketOutcome outcome, string reason) => new(outcome, reason, null, [], null);
}

/// <summary>
/// Turns snapshots into events by difference with the last known state (connectors design §5): an assignment to another
/// mapped team, the first response, the plan, priority changes, status changes (into and out of pause statuses alike),
/// resolved, reopened. Each event carries the
/// tool's own time of the version that showed it; a version older than the stored one changes nothing.
/// </summary>
public static class TicketDiff
{
    public static TicketDecision Decide(ConnectorKind kind, ConnectionMapping mapping, TicketState? stored, TicketSnapshot snapshot, Instant receivedAt)
    {
        if (snapshot.Note is { } note)
            return Noted(stored, snapshot.ExternalId, note);
        var at = snapshot.ChangedAt ?? receivedAt;
        if (stored is not null && IsOlder(at, snapshot.Sequence, stored))
            return TicketDecision.Refused(TicketOutcome.Stale, $"This version ({at}) is older than the one already applied ({stored.ChangedAt}).");
        if (snapshot.Boards.Count > 0 && !mapping.Admits(snapshot.Boards))
            return TicketDecision.Refused(TicketOutcome.Ignored, $"Board or queue '{snapshot.Boards[0]}' is not among the connection's boards.");

        int priority;
        if (snapshot.PriorityKeys.Count > 0)
        {
            if (mapping.PriorityOf(kind, snapshot.PriorityKeys) is not { } mapped)
                return TicketDecision.Refused(TicketOutcome.Unmapped, $"Priority '{snapshot.PriorityKeys[0]}' is not in the connection's mapping.");
            priority = mapped;
        }
        else if (stored is not null)
        {
            priority = stored.Priority;
        }
        else
        {
            return TicketDecision.Refused(TicketOutcome.Unmapped, "The delivery names no priority; send the priority with every delivery.");
        }

        string? status = null;
        if (snapshot.StatusKeys.Count > 0)
        {
            status = mapping.StatusOf(snapshot.StatusKeys);
            if (status is null)
                return TicketDecision.Refused(TicketOutcome.Unmapped, $"Status '{snapshot.StatusKeys[0]}' is not in the connection's mapping.");
        }
        var statusResolves = status is ConnectionMapping.Resolved or ConnectionMapping.Closed;
        var openStatus = status is null || statusResolves ? stored?.Status : status;
        var resolved = status is not null || snapshot.Resolved is not null
            ? statusResolves || snapshot.Resolved == true
            : stored?.Resolved ?? false;

        var team = snapshot.TeamKeys is { Count: > 0 } teamKeys ? mapping.TeamOf(teamKeys) : null;
        if (stored is null)
            return Open(kind, snapshot, priority, openStatus, resolved, team, at);

        var events = new List<DerivedEvent>();
        if (team is { } assigned && assigned != stored.TeamId)
            events.Add(new DerivedEvent(IncidentEventType.Assigned, at, TeamId: assigned));
        var responded = stored.Responded;
        if (!responded && snapshot.RespondedAt is { } respondedAt)
        {
            events.Add(new DerivedEvent(IncidentEventType.Responded, Instant.Max(respondedAt, stored.OpenedAt)));
            responded = true;
        }
        var planned = stored.Planned;
        if (!planned && snapshot.PlannedAt is { } plannedAt)
        {
            events.Add(new DerivedEvent(IncidentEventType.Planned, Instant.Max(plannedAt, stored.OpenedAt)));
            planned = true;
        }
        if (priority != stored.Priority)
            events.Add(new DerivedEvent(IncidentEventType.PriorityChanged, at, Priority: priority));
        if (resolved && !stored.Resolved)
        {
            events.Add(new DerivedEvent(IncidentEventType.Resolved, at));
        }
        else if (!resolved)
        {
            if (stored.Resolved)
                events.Add(new DerivedEvent(IncidentEventType.Reopened, at));
            if (openStatus is not null && openStatus != stored.Status)
                events.Add(new DerivedEvent(IncidentEventType.StatusChanged, at, Status: openStatus));
        }
        var next = stored with
        {
            Priority = priority, Status = openStatus, Resolved = resolved, Responded = responded, Planned = planned,
            ChangedAt = Instant.Max(at, stored.ChangedAt), Sequence = snapshot.Sequence ?? stored.Sequence, TeamId = team ?? stored.TeamId,
        };
        return new TicketDecision(TicketOutcome.Applied, null, null, events, next);
    }

    private static TicketDecision Open(ConnectorKind kind, TicketSnapshot snapshot, int priority, string? openStatus, bool resolved, Guid? team, Instant at)
    {
        if (string.IsNullOrWhiteSpace(snapshot.CompanyId))
            return TicketDecision.Refused(TicketOutcome.Unmapped, "The delivery names no company; send the company with every delivery.");
        var openedAt = snapshot.OpenedAt ?? at;
        var title = string.IsNullOrWhiteSpace(snapshot.Title) ? $"{kind.Name()} {snapshot.ExternalId}" : snapshot.Title.Trim();
        if (title.Length > Incident.TitleMaxLength)
            title = title[..Incident.TitleMaxLength];
        var events = new List<DerivedEvent>();
        if (team is { } assigned)
            events.Add(new DerivedEvent(IncidentEventType.Assigned, openedAt, TeamId: assigned));
        if (snapshot.RespondedAt is { } respondedAt)
            events.Add(new DerivedEvent(IncidentEventType.Responded, Instant.Max(respondedAt, openedAt)));
        if (snapshot.PlannedAt is { } plannedAt)
            events.Add(new DerivedEvent(IncidentEventType.Planned, Instant.Max(plannedAt, openedAt)));
        if (resolved)
            events.Add(new DerivedEvent(IncidentEventType.Resolved, Instant.Max(at, openedAt)));
        var next = new TicketState(Guid.Empty, snapshot.CompanyId.Trim(), openedAt, priority, openStatus, resolved, snapshot.RespondedAt is not null, snapshot.PlannedAt is not null,
            Instant.Max(at, openedAt), snapshot.Sequence, team);
        return new TicketDecision(TicketOutcome.Applied, null, new TicketOpening(snapshot.CompanyId.Trim(), title, priority, openStatus, openedAt), events, next);
    }

    /// <summary>
    /// A note is an event, not a version of the ticket: it is never stale, and changes nothing SlaApi knows of the ticket.
    /// The customer's note is a reply awaiting an answer; an agent's answers it.
    /// </summary>
    private static TicketDecision Noted(TicketState? stored, string ticketId, TicketNote note)
    {
        if (stored is null)
            return TicketDecision.Refused(TicketOutcome.Unmapped, $"Ticket {ticketId} is not known yet; reprocess this note once the ticket has arrived.");
        var type = note.Author == NoteAuthor.Customer ? IncidentEventType.CustomerReplied : IncidentEventType.Responded;
        return new TicketDecision(TicketOutcome.Applied, null, null, [new DerivedEvent(type, Instant.Max(note.WrittenAt, stored.OpenedAt))], stored);
    }

    private static bool IsOlder(Instant at, long? sequence, TicketState stored) =>
        at < stored.ChangedAt || (at == stored.ChangedAt && sequence is { } s && stored.Sequence is { } t && s < t);
}
