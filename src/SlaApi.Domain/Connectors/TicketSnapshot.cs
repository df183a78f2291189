using NodaTime;

namespace SlaApi.Domain.Connectors;

/// <summary>
/// A ticket or alert as one delivery or poll describes it, in the tool's own values. A null or empty field is one the
/// delivery did not carry (Autotask sends only the fields that changed and those always displayed), so the stored
/// value stands. Priorities and statuses come as candidate keys, id first then name, matched against the mapping.
/// </summary>
/// <param name="ChangedAt">The tool's own time of this version; deliveries older than the stored one are stale.</param>
/// <param name="Sequence">Orders versions with the same <paramref name="ChangedAt"/> (Autotask's SequenceNumber).</param>
/// <param name="PlannedAt">When the tool recorded a resolution plan (ConnectWise dateResplan, Autotask ResolutionPlanDateTime).</param>
/// <param name="Resolved">The tool's own flag (ConnectWise closedFlag, Halo hasbeenclosed, an RMM reset), when it says.</param>
/// <param name="DedupKey">What makes a repeat of the same delivery recognisable, when the tool gives one.</param>
/// <param name="Note">A note on the ticket rather than a version of it: only the ticket id, its time and the note are read.</param>
/// <param name="TeamKeys">The team or queue holding the ticket, id first then name (ConnectWise team, Autotask QueueID, Halo team).</param>
public sealed record TicketSnapshot(
    string ExternalId,
    Instant? ChangedAt,
    long? Sequence,
    string? CompanyId,
    string? Title,
    IReadOnlyList<string> PriorityKeys,
    IReadOnlyList<string> StatusKeys,
    IReadOnlyList<string> Boards,
    Instant? OpenedAt,
    Instant? RespondedAt,
    Instant? PlannedAt,
    bool? Resolved,
    string? DedupKey,
    TicketNote? Note = null,
    IReadOnlyList<string>? TeamKeys = null);

public enum NoteAuthor
{
    Customer,
    Agent,
}

/// <summary>A note the customer or an agent wrote on a ticket, visible to the customer.</summary>
public sealed record TicketNote(NoteAuthor Author, Instant WrittenAt);

/// <summary>What SlaApi last knew of a ticket, in mapped values: the base the next snapshot is compared with.</summary>
/// <param name="Status">The last mapped status other than the reserved resolved and closed; null when none is known.</param>
/// <param name="TeamId">The mapped team last seen holding the ticket; null when none was.</param>
public sealed record TicketState(
    Guid IncidentId,
    string CompanyId,
    Instant OpenedAt,
    int Priority,
    string? Status,
    bool Resolved,
    bool Responded,
    bool Planned,
    Instant ChangedAt,
    long? Sequence,
    Guid? TeamId = null);
