using NodaTime;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents.Ingestion;

/// <summary>One event to record, naming its incident by id or by (source, externalId).</summary>
/// <param name="CustomerScope">The customer the submitting key is limited to, if any.</param>
/// <param name="TeamId">The team an assigned event hands the incident to.</param>
public sealed record EventSubmission(
    Guid? IncidentId, string? Source, string? ExternalId, string EventId, IncidentEventType Type, Instant OccurredAt,
    string? Status, int? Priority, string? Reason, Guid? CustomerScope, Guid? TeamId = null)
{
    public string IncidentKey => IncidentId?.ToString() ?? $"{Source}/{ExternalId}";
}

/// <summary>What became of one submitted event. <see cref="Error"/> explains a status of 404, 409 or 422.</summary>
public sealed record EventOutcome(int Status, Guid? IncidentId, IncidentDto? Incident, Exception? Error)
{
    public const int Recorded = 201;
    public const int AlreadyRecorded = 200;
}
