using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SlaApi.Api.Contracts.V1;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Simulations;
using SlaApi.Application.Simulations.GetSimulation;
using SlaApi.Application.Simulations.ListSimulationFlips;
using SlaApi.Domain.Access;

namespace SlaApi.Api.Endpoints;

public static class SimulationEndpoints
{
    public static IEndpointRouteBuilder MapSimulationEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/simulations").WithTags("Simulations");
        group.MapPost("/", RunSimulation).WithName(nameof(RunSimulation))
            .WithDescription("Replays, in the background, the stored events of the incidents of the agreements named (or of the customers' agreements) opened in [from, to): as bound, and under the draft policy and/or terms. Nothing is stored as a version. 202 with the simulation to follow at its Location; 429 with Retry-After while 2 simulations of the same key have not finished, 503 while 8 in all have not. A customer-bound key simulates its own customer's agreements. Scope reports:read.")
            .RequiresScope(Scopes.ReportsRead)
            .WithSummary("Ask what a draft policy or draft terms would have done to past incidents.").WithProblems(404, 409, 415, 503);
        group.MapGet("/{id:guid}", GetSimulation).WithName(nameof(GetSimulation))
            .WithDescription("queued, running (with percentDone), completed or failed. Once completed: compliance per metric and priority as it was and under the draft, breaches, credits owed on both sides per agreement and their difference, and how many clock cycles flip. Scope reports:read.")
            .RequiresScope(Scopes.ReportsRead)
            .WithSummary("A simulation's progress and, once completed, its answer.").WithProblems(404);
        group.MapGet("/{id:guid}/flips", ListSimulationFlips).WithName(nameof(ListSimulationFlips))
            .WithDescription("Each clock cycle met as it was and breached under the draft, or the reverse, with both targets and elapsed times; the first 10,000, paged (pageSize ≤ 200). Scope reports:read.")
            .RequiresScope(Scopes.ReportsRead)
            .WithSummary("The clock cycles a completed simulation turns round.").WithProblems(404);
        return api;
    }

    private static async Task<Accepted<SimulationDto>> RunSimulation(WhatIfRequest request, ISender sender, CancellationToken ct)
    {
        var simulation = await sender.Send(request.ToCommand(), ct);
        return TypedResults.Accepted($"/api/v1/simulations/{simulation.Id}", simulation);
    }

    private static async Task<Ok<SimulationDto>> GetSimulation(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetSimulationQuery(id), ct));

    private static async Task<Ok<Page<FlipDto>>> ListSimulationFlips(Guid id, ISender sender, CancellationToken ct, int? page, int? pageSize) =>
        TypedResults.Ok(await sender.Send(new ListSimulationFlipsQuery(id, new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize)), ct));
}
