using SlaApi.Application.Customers;
using SlaApi.Application.Incidents.OpenIncident;
using SlaApi.Application.Incidents.RecordIncidentEvent;

namespace SlaApi.Api.Contracts.V1;

/// <summary>An incident as a PSA or RMM tool reports it.</summary>
/// <param name="Source">The reporting tool, e.g. "connectwise"; with ExternalId, the incident's natural key.</param>
/// <param name="ExternalId">The tool's id of the ticket or alert.</param>
/// <param name="CustomerId">The customer, by SlaApi id; or give CustomerRef.</param>
/// <param name="CustomerRef">The customer, by the id a tool gives it.</param>
/// <param name="Title">1 to 500 characters.</param>
/// <param name="Priority">1 (highest) to 5.</param>
/// <param name="ServiceCode">The covered service the incident concerns, e.g. "managed-workstations".</param>
/// <param name="Status">The status it opened with, e.g. "new"; pause statuses pause its clocks.</param>
/// <param name="OpenedAt">When the source opened it, RFC 3339 with offset.</param>
public sealed record OpenIncidentRequest(
    string Source, string ExternalId, Guid? CustomerId, ExternalRefDto? CustomerRef, string Title, int Priority,
    string? ServiceCode, string? Status, DateTimeOffset OpenedAt)
{
    public OpenIncidentCommand ToCommand() => new(Source, ExternalId, CustomerId, CustomerRef, Title, Priority, ServiceCode, Status, OpenedAt);
}

/// <summary>A lifecycle event of an incident.</summary>
/// <param name="EventId">The source's id of the event, unique per incident: the idempotency key.</param>
/// <param name="Type">responded, planned, customer-replied, updated, status-changed, priority-changed, resolved, reopened, excluded, included or assigned.</param>
/// <param name="OccurredAt">When it happened at the source: not before the incident opened, at most 5 minutes ahead.</param>
/// <param name="Status">The new status; status-changed only.</param>
/// <param name="Priority">The new priority, 1 to 5; priority-changed only.</param>
/// <param name="Reason">The exclusion reason code (excluded, required), or why a status-changed event pauses the clocks (optional).</param>
/// <param name="Team">The id of the team the incident is now with; assigned only.</param>
public sealed record IncidentEventRequest(string EventId, string Type, DateTimeOffset OccurredAt, string? Status, int? Priority, string? Reason, Guid? Team = null)
{
    public RecordIncidentEventCommand ToCommand(Guid incidentId) => new(incidentId, EventId, Type, OccurredAt, Status, Priority, Reason, Team);
}

/// <summary>Up to 1,000 events of any incidents, recorded in one commit.</summary>
/// <param name="Events">Each names its incident by incidentId, or by source and externalId.</param>
public sealed record IncidentEventBatchRequest(IReadOnlyList<SlaApi.Application.Incidents.RecordIncidentEvents.BatchEventInput> Events)
{
    public SlaApi.Application.Incidents.RecordIncidentEvents.RecordIncidentEventsCommand ToCommand() => new(Events ?? []);
}
