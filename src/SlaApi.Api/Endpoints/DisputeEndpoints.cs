using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SlaApi.Api.Contracts.V1;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Disputes;
using SlaApi.Application.Disputes.GetDispute;
using SlaApi.Application.Disputes.ListDisputes;
using SlaApi.Domain.Access;

namespace SlaApi.Api.Endpoints;

public static class DisputeEndpoints
{
    public static IEndpointRouteBuilder MapDisputeEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/incidents/{id:guid}/disputes", RaiseDispute).WithName(nameof(RaiseDispute)).WithTags("Disputes")
            .WithDescription("By the customer (its bound key) or the MSP. The incident must be bound to an agreement; at most 20 disputes per incident (409). The incident's timeline is the evidence. Scope disputes:write.")
            .RequiresScope(Scopes.DisputesWrite)
            .WithSummary("Dispute a clock of an incident.").WithProblems(404, 409, 415);
        api.MapGet("/incidents/{id:guid}/disputes", ListIncidentDisputes).WithName(nameof(ListIncidentDisputes)).WithTags("Disputes")
            .WithDescription("Newest first; paged (pageSize ≤ 200). Scope sla:read.").RequiresScope(Scopes.SlaRead)
            .WithSummary("The disputes of an incident.").WithProblems(404);
        var disputes = api.MapGroup("/disputes").WithTags("Disputes");
        disputes.MapGet("/", ListDisputes).WithName(nameof(ListDisputes))
            .WithDescription("Newest first, by status (open, upheld, rejected) and customer; paged (pageSize ≤ 200). A customer-bound key sees its own customer's. Scope sla:read.")
            .RequiresScope(Scopes.SlaRead)
            .WithSummary("List disputes, the open ones to review first.").WithProblems();
        disputes.MapGet("/{id:guid}", GetDispute).WithName(nameof(GetDispute))
            .WithDescription("Scope sla:read.").RequiresScope(Scopes.SlaRead)
            .WithSummary("A dispute and its review.").WithProblems(404);
        disputes.MapPost("/{id:guid}/review", ReviewDispute).WithName(nameof(ReviewDispute))
            .WithDescription("Upheld, the remedy is recorded as an incident event with the id dispute-<id>: 'exclude' records an excluded event (reason dispute-upheld) now, 'correct' the correcting event at correctionOccurredAt; the clocks replay, and reports and credits follow. Rejected, nothing changes but the dispute, which keeps the reason. A review is final (409). Scope disputes:review, which a customer-bound key cannot hold.")
            .RequiresScope(Scopes.DisputesReview)
            .WithSummary("Uphold or reject a dispute.").WithProblems(404, 409, 415, 422, 503);
        return api;
    }

    private static async Task<Created<DisputeDto>> RaiseDispute(Guid id, DisputeRequest request, ISender sender, CancellationToken ct)
    {
        var dispute = await sender.Send(request.ToCommand(id), ct);
        return TypedResults.Created($"/api/v1/disputes/{dispute.Id}", dispute);
    }

    private static async Task<Ok<Page<DisputeDto>>> ListIncidentDisputes(Guid id, ISender sender, CancellationToken ct, int? page, int? pageSize) =>
        TypedResults.Ok(await sender.Send(new ListDisputesQuery(id, null, null, Paging(page, pageSize)), ct));

    private static async Task<Ok<Page<DisputeDto>>> ListDisputes(ISender sender, CancellationToken ct, string? status, Guid? customerId, int? page, int? pageSize) =>
        TypedResults.Ok(await sender.Send(new ListDisputesQuery(null, customerId, status, Paging(page, pageSize)), ct));

    private static async Task<Ok<DisputeDto>> GetDispute(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetDisputeQuery(id), ct));

    private static async Task<Ok<DisputeDto>> ReviewDispute(Guid id, DisputeReviewRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(request.ToCommand(id), ct));

    private static PageRequest Paging(int? page, int? pageSize) => new(page ?? 1, pageSize ?? PageRequest.DefaultPageSize);
}
