using NodaTime;

namespace SlaApi.Domain.Incidents;

public enum IncidentEventType
{
    Responded,
    Updated,
    StatusChanged,
    PriorityChanged,
    Resolved,
    Reopened,
    Excluded,
    Included,
    Planned,
    CustomerReplied,
    Assigned,
}

/// <summary>
/// A lifecycle event as the source system reported it. <see cref="Sequence"/> is the order of arrival and breaks
/// ties between events that occurred at the same instant.
/// </summary>
/// <param name="TeamId">The team an assigned event hands the incident to.</param>
public sealed record IncidentEvent(
    string EventId, IncidentEventType Type, Instant OccurredAt, long Sequence, string? Status = null, int? Priority = null, string? Reason = null,
    Guid? TeamId = null);

/// <summary>What replay starts from: the incident as opened, and everything that happened to it since.</summary>
public sealed record IncidentHistory(Instant OpenedAt, int Priority, string? Status, IReadOnlyList<IncidentEvent> Events);
