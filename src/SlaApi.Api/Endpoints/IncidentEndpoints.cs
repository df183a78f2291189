using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SlaApi.Api.Access;
using SlaApi.Api.Contracts.V1;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Incidents;
using SlaApi.Application.Incidents.GetIncident;
using SlaApi.Application.Incidents.GetIncidentCycles;
using SlaApi.Application.Incidents.GetIncidentOlas;
using SlaApi.Application.Incidents.GetIncidentTimeline;
using SlaApi.Application.Incidents.GetQueue;
using SlaApi.Application.Incidents.ListIncidents;
using SlaApi.Application.Incidents.RecordIncidentEvents;
using SlaApi.Domain.Access;

namespace SlaApi.Api.Endpoints;

public static class IncidentEndpoints
{
    private const int DefaultQueueLimit = 50;

    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Incidents");
        incidents.MapPost("/", OpenIncident).WithName(nameof(OpenIncident))
            .WithDescription("The incident is bound to the customer's agreement in force at openedAt for its service, and to that agreement's policy version; its clocks start at openedAt. Sending the same (source, externalId) again answers 200 with the stored incident. 422 when no agreement covers it. Scope incidents:write.").RequiresScope(Scopes.IncidentsWrite)
            .WithSummary("Open an incident, bound to the agreement in force; the same one again answers 200.").WithProblems(409, 415, 422);
        incidents.MapPost("/{id:guid}/events", RecordIncidentEvent).WithName(nameof(RecordIncidentEvent))
            .WithDescription("Types: responded (an agent's reply), planned (a resolution plan given), customer-replied, updated, status-changed, priority-changed, resolved, reopened, excluded, included. Events may arrive late and out of order: the clocks are replayed from all events in occurredAt order. Answered only after the event is committed. The same eventId again answers 200. At most 2,000 events per incident (422). Scope incidents:write.").RequiresScope(Scopes.IncidentsWrite)
            .WithSummary("Record a lifecycle event and replay the clocks; the same event again answers 200. 503 with Retry-After: nothing was recorded, send it again.")
            .WithProblems(404, 409, 415, 422, 503).AddEndpointFilter<EventRateLimitFilter>();
        incidents.MapPost("/events:batch", RecordIncidentEvents).WithName(nameof(RecordIncidentEvents))
            .WithDescription("Each event names its incident by incidentId or by source and externalId; each gets its own status in the result. All of them are committed in one transaction before the answer. Scope incidents:write.").RequiresScope(Scopes.IncidentsWrite)
            .WithSummary("Record up to 1,000 events of any incidents in one commit, with a result per event. 503 with Retry-After: nothing was recorded, send it again.")
            .WithProblems(413, 415, 503).AddEndpointFilter<EventRateLimitFilter>();
        incidents.MapGet("/", ListIncidents).WithName(nameof(ListIncidents))
            .WithDescription("Filters combine; paged (pageSize ≤ 200). A customer-bound key sees its own customer's incidents only. Scope sla:read.").RequiresScope(Scopes.SlaRead)
            .WithSummary("List incidents, newest first, by customer, clock state, risk, breach, priority and opening time.").WithProblems();
        incidents.MapGet("/{id:guid}", GetIncident).WithName(nameof(GetIncident))
            .WithDescription("Clocks are evaluated at the time of the request: elapsed and remaining business time, due and warning instants, state. Scope sla:read.").RequiresScope(Scopes.SlaRead)
            .WithSummary("An incident, its binding and its clocks, evaluated now.").WithProblems(404);
        incidents.MapGet("/{id:guid}/timeline", GetIncidentTimeline).WithName(nameof(GetIncidentTimeline))
            .WithDescription("For disputes: every stretch of each clock with why it counted or not, over the clock's first 366 days (truncated says when there is more). Scope sla:read.").RequiresScope(Scopes.SlaRead)
            .WithSummary("The evidence behind each clock: running, paused, outside-hours, holiday and resolved-gap stretches, and the events.")
            .WithProblems(404);
        incidents.MapGet("/{id:guid}/cycles", GetIncidentCycles).WithName(nameof(GetIncidentCycles))
            .WithDescription("Each update cycle, each resolution cycle a reopen outside the window started, each customer reply awaiting an answer, the response and the resolution plan, evaluated now: the priority whose target it holds, its start, stop and due instant, and its verdict. A cycle is met when it stops at or before its due instant and breached once it runs or stops after it; a stopped or breached cycle never changes again. A customer-bound key sees its own customer's incidents only. Scope sla:read.").RequiresScope(Scopes.SlaRead)
            .WithSummary("Every cycle of every clock of an incident with its verdict.").WithProblems(404);
        incidents.MapGet("/{id:guid}/olas", GetIncidentOlas).WithName(nameof(GetIncidentOlas))
            .WithDescription("One entry per assignment to a team (an assigned event to another team, or a reopen back to the last one): the team version in force then, and its acknowledge and resolve clocks on the team's calendar against the OLA targets of the priority, evaluated now. An outside vendor's team is held to its underpinning contract. A customer-bound key sees its own customer's incidents only. Scope sla:read.").RequiresScope(Scopes.SlaRead)
            .WithSummary("The OLA clocks of each team an incident passed through.").WithProblems(404);
        incidents.MapGet("/by-ref/{source}/{externalId}", GetIncidentByRef).WithName(nameof(GetIncidentByRef))
            .WithDescription("409 when several customers use the same id in that source and no customerId picks one. Scope sla:read.").RequiresScope(Scopes.SlaRead)
            .WithSummary("An incident by the source's id, with its clocks evaluated now; customerId picks among customers that share the id.").WithProblems(404, 409);
        api.MapGet("/queue", GetQueue).WithName(nameof(GetQueue))
            .WithDescription("Breached first, then by the time left on the clock closest to its due instant; paused clocks last. Paged. Scope sla:read.").WithTags("Incidents").RequiresScope(Scopes.SlaRead)
            .WithSummary("Which ticket first: open incidents by urgency, each with the clock closest to breach.").WithProblems();
        return api;
    }

    private static async Task<Results<Created<IncidentDto>, Ok<IncidentDto>>> OpenIncident(
        OpenIncidentRequest request, ISender sender, CancellationToken ct)
    {
        var opened = await sender.Send(request.ToCommand(), ct);
        return opened.Created
            ? TypedResults.Created($"/api/v1/incidents/{opened.Incident.Id}", opened.Incident)
            : TypedResults.Ok(opened.Incident);
    }

    private static async Task<Results<Created<IncidentDto>, Ok<IncidentDto>>> RecordIncidentEvent(
        Guid id, IncidentEventRequest request, ISender sender, CancellationToken ct)
    {
        var recorded = await sender.Send(request.ToCommand(id), ct);
        return recorded.Recorded
            ? TypedResults.Created($"/api/v1/incidents/{id}", recorded.Incident)
            : TypedResults.Ok(recorded.Incident);
    }

    private static async Task<Ok<BatchResultDto>> RecordIncidentEvents(IncidentEventBatchRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(request.ToCommand(), ct));

    private static async Task<Ok<Page<IncidentSummaryDto>>> ListIncidents(
        ISender sender, CancellationToken ct, int? page, int? pageSize, Guid? customerId, string? state, bool? atRisk, bool? breached,
        int? priority, DateTimeOffset? openedFrom, DateTimeOffset? openedTo) =>
        TypedResults.Ok(await sender.Send(new ListIncidentsQuery(
            new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize), customerId, state, atRisk, breached, priority, openedFrom, openedTo), ct));

    private static async Task<Ok<IncidentDto>> GetIncident(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetIncidentQuery(id, null, null), ct));

    private static async Task<Ok<IncidentTimelineDto>> GetIncidentTimeline(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetIncidentTimelineQuery(id), ct));

    private static async Task<Ok<IncidentCyclesDto>> GetIncidentCycles(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetIncidentCyclesQuery(id), ct));

    private static async Task<Ok<IncidentOlasDto>> GetIncidentOlas(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetIncidentOlasQuery(id), ct));

    private static async Task<Ok<IncidentDto>> GetIncidentByRef(string source, string externalId, ISender sender, CancellationToken ct, Guid? customerId) =>
        TypedResults.Ok(await sender.Send(new GetIncidentQuery(null, source, externalId, customerId), ct));

    private static async Task<Ok<IReadOnlyList<QueueItemDto>>> GetQueue(ISender sender, CancellationToken ct, Guid? customerId, int? limit) =>
        TypedResults.Ok(await sender.Send(new GetQueueQuery(customerId, limit ?? DefaultQueueLimit), ct));
}
