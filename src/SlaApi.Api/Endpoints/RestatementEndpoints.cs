using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SlaApi.Api.Contracts.V1;
using SlaApi.Application.Agreements.Restatements;
using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Access;

namespace SlaApi.Api.Endpoints;

public static class RestatementEndpoints
{
    public static IEndpointRouteBuilder MapRestatementEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/agreements/{id:guid}/restatements", RestateAgreement).WithName(nameof(RestateAgreement)).WithTags("Agreements")
            .WithDescription("Binds the agreement's incidents opened in [from, to) (at most 5,000; 422 beyond) to the version chosen, with its policy and calendars as they stand now, replays them and records each incident's binding and breached clocks before and after. Reports then show the restated figures and name the restatement in their header. Scope definitions:write.")
            .RequiresScope(Scopes.DefinitionsWrite)
            .WithSummary("Restate history under a chosen agreement version (a corrected calendar, for instance).").WithProblems(404, 415, 422);
        api.MapGet("/agreements/{id:guid}/restatements", ListRestatements).WithName(nameof(ListRestatements)).WithTags("Agreements")
            .WithDescription("Newest first, reverted ones included. Scope reports:read.").RequiresScope(Scopes.ReportsRead)
            .WithSummary("The agreement's restatements.").WithProblems(404);
        var group = api.MapGroup("/restatements").WithTags("Agreements");
        group.MapGet("/{id:guid}", GetRestatement).WithName(nameof(GetRestatement))
            .WithDescription("Who restated, when and why; who reverted it, if anyone, and when. Scope reports:read.").RequiresScope(Scopes.ReportsRead)
            .WithSummary("A restatement.").WithProblems(404);
        group.MapGet("/{id:guid}/incidents", ListRestatedIncidents).WithName(nameof(ListRestatedIncidents))
            .WithDescription("Each incident's binding before and after, and its breached clock cycles under each; paged (pageSize ≤ 200). Scope reports:read.")
            .RequiresScope(Scopes.ReportsRead)
            .WithSummary("The incidents a restatement bound again, before and after.").WithProblems(404);
        group.MapPost("/{id:guid}/revert", RevertRestatement).WithName(nameof(RevertRestatement))
            .WithDescription("Binds every incident back to the binding it had and replays it, restoring each clock and report figure; the restatement is kept, marked reverted. Only the agreement's latest restatement in force can be reverted (409 names the one to revert first). Scope definitions:write.")
            .RequiresScope(Scopes.DefinitionsWrite)
            .WithSummary("Revert a restatement.").WithProblems(404, 409);
        return api;
    }

    private static async Task<Created<RestatementDto>> RestateAgreement(Guid id, RestatementRequest request, ISender sender, CancellationToken ct)
    {
        var restatement = await sender.Send(request.ToCommand(id), ct);
        return TypedResults.Created($"/api/v1/restatements/{restatement.Id}", restatement);
    }

    private static async Task<Ok<IReadOnlyList<RestatementDto>>> ListRestatements(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListRestatementsQuery(id), ct));

    private static async Task<Ok<RestatementDto>> GetRestatement(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetRestatementQuery(id), ct));

    private static async Task<Ok<Page<RestatedIncidentDto>>> ListRestatedIncidents(Guid id, ISender sender, CancellationToken ct, int? page, int? pageSize) =>
        TypedResults.Ok(await sender.Send(new ListRestatedIncidentsQuery(id, new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize)), ct));

    private static async Task<Ok<RestatementDto>> RevertRestatement(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RevertRestatementCommand(id), ct));
}
