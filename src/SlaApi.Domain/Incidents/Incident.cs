using NodaTime;
using SlaApi.Domain.Common;

namespace SlaApi.Domain.Incidents;

public enum RecordOutcome
{
    Recorded,
    AlreadyRecorded,
}

/// <summary>A ticket or alert from a PSA or RMM tool, and its lifecycle events (sla-semantics §5).</summary>
public sealed class Incident
{
    public const int TitleMaxLength = 500;
    public const int EventIdMaxLength = 200;
    public const int ReasonMaxLength = 100;

    /// <summary>Every event replays the whole history; a ticket with more changes than this is a runaway integration.</summary>
    public const int MaxEvents = 2_000;

    /// <summary>Each assignment is judged on the team and calendar in force when it was made: an incident passed on more often is not being worked.</summary>
    public const int MaxAssignments = 50;
    public static readonly Duration AllowedClockSkew = Duration.FromMinutes(5);

    private readonly List<IncidentEvent> _events;

    private Incident(
        Guid id, string source, string externalId, Guid customerId, string title, int priority, string? serviceCode,
        string? status, Instant openedAt, IncidentBinding? binding, string? unboundReason, List<IncidentEvent> events)
    {
        Id = id;
        Source = source;
        ExternalId = externalId;
        CustomerId = customerId;
        Title = title;
        Priority = priority;
        ServiceCode = serviceCode;
        Status = status;
        OpenedAt = openedAt;
        Binding = binding;
        UnboundReason = unboundReason;
        _events = events;
    }

    public Guid Id { get; }

    public string Source { get; }

    public string ExternalId { get; }

    public Guid CustomerId { get; }

    public string Title { get; }

    /// <summary>The priority the incident opened with; changes come as events.</summary>
    public int Priority { get; }

    public string? ServiceCode { get; }

    /// <summary>The status the incident opened with; changes come as events.</summary>
    public string? Status { get; }

    public Instant OpenedAt { get; }

    /// <summary>Null when no agreement was in force for the customer and service at <see cref="OpenedAt"/>.</summary>
    public IncidentBinding? Binding { get; }

    public string? UnboundReason { get; }

    public IReadOnlyList<IncidentEvent> Events => _events;

    public IncidentHistory History => new(OpenedAt, Priority, Status, _events);

    public static Incident Open(
        string source, string externalId, Guid customerId, string title, int priority, string? serviceCode, string? status,
        Instant openedAt, IncidentBinding? binding, string? unboundReason, Instant now)
    {
        if (openedAt > now + AllowedClockSkew)
            throw new UnprocessableException("openedAt", $"An incident cannot open more than {AllowedClockSkew.TotalMinutes} minutes in the future.");
        return new Incident(Guid.CreateVersion7(now.ToDateTimeOffset()), source.Trim().ToLowerInvariant(), externalId.Trim(), customerId,
            title.Trim(), priority, serviceCode?.Trim(), status?.Trim(), openedAt, binding, unboundReason, []);
    }

    public static Incident Rehydrate(
        Guid id, string source, string externalId, Guid customerId, string title, int priority, string? serviceCode, string? status,
        Instant openedAt, IncidentBinding? binding, string? unboundReason, IEnumerable<IncidentEvent> events) =>
        new(id, source, externalId, customerId, title, priority, serviceCode, status, openedAt, binding, unboundReason, events.OrderBy(e => e.Sequence).ToList());

    /// <summary>An independent copy: events recorded on it leave this incident as it is.</summary>
    public Incident Copy() =>
        new(Id, Source, ExternalId, CustomerId, Title, Priority, ServiceCode, Status, OpenedAt, Binding, UnboundReason, [.. _events]);

    /// <summary>The same incident bound to other definition versions, for a restatement or its revert; its history is untouched.</summary>
    public Incident Rebind(IncidentBinding binding) =>
        new(Id, Source, ExternalId, CustomerId, Title, Priority, ServiceCode, Status, OpenedAt, binding, UnboundReason, [.. _events]);

    /// <summary>True when a repeated open of the same (source, externalId) describes this incident, not another.</summary>
    public bool IsSameOpening(Guid customerId, Instant openedAt) => CustomerId == customerId && OpenedAt == openedAt;

    /// <summary>
    /// Adds the event, or recognises it as one already recorded. The same eventId with other content is a conflict;
    /// an event before the incident opened, or too far in the future, cannot be processed.
    /// </summary>
    public RecordOutcome Record(
        string eventId, IncidentEventType type, Instant occurredAt, string? status, int? priority, string? reason, Instant now, Guid? teamId = null)
    {
        if (Check(eventId, type, occurredAt, status, priority, reason, now, teamId) == RecordOutcome.AlreadyRecorded)
            return RecordOutcome.AlreadyRecorded;

        // Events are kept in arrival order, so the next sequence follows the last one.
        var sequence = (_events.Count == 0 ? 0 : _events[^1].Sequence) + 1;
        _events.Add(new IncidentEvent(eventId, type, occurredAt, sequence, status, priority, reason, teamId));
        return RecordOutcome.Recorded;
    }

    /// <summary>What <see cref="Record"/> would do with the event, without recording it: it throws as Record would.</summary>
    public RecordOutcome Check(
        string eventId, IncidentEventType type, Instant occurredAt, string? status, int? priority, string? reason, Instant now, Guid? teamId = null)
    {
        if (_events.FirstOrDefault(e => e.EventId == eventId) is { } existing)
        {
            return existing.Type == type && existing.OccurredAt == occurredAt && existing.Status == status &&
                   existing.Priority == priority && existing.Reason == reason && existing.TeamId == teamId
                ? RecordOutcome.AlreadyRecorded
                : throw new BusinessRuleException("incident.event-id-reused",
                    $"Event '{eventId}' was already recorded with other content.", new Dictionary<string, object?> { ["eventId"] = eventId });
        }
        if (occurredAt < OpenedAt)
            throw new UnprocessableException("occurredAt", $"The event occurred before the incident opened ({OpenedAt}).");
        if (occurredAt > now + AllowedClockSkew)
            throw new UnprocessableException("occurredAt", $"The event lies more than {AllowedClockSkew.TotalMinutes} minutes in the future.");
        if (_events.Count >= MaxEvents)
            throw new UnprocessableException("eventId", $"The incident holds the most events one incident may have ({MaxEvents}); no more are recorded.");
        if (type == IncidentEventType.Assigned && _events.Count(e => e.Type == IncidentEventType.Assigned) >= MaxAssignments)
            throw new UnprocessableException("type", $"The incident was assigned the most times one incident may be ({MaxAssignments}); no more assignments are recorded.");
        return RecordOutcome.Recorded;
    }
}
