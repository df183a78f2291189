using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SlaApi.Api.Contracts.V1;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Teams;
using SlaApi.Application.Teams.GetTeam;
using SlaApi.Application.Teams.ListTeams;
using SlaApi.Domain.Access;

namespace SlaApi.Api.Endpoints;

public static class TeamEndpoints
{
    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/teams").WithTags("Teams");
        group.MapPost("/", DefineTeam).WithName(nameof(DefineTeam))
            .WithDescription("A team's calendar and its OLA targets per priority (acknowledge, and resolve or hand on, in business minutes of the team's calendar); a vendor makes it an outside supplier held to an underpinning contract. Versioned like policies. Scope definitions:write.").RequiresScope(Scopes.DefinitionsWrite)
            .WithSummary("Define a team; it starts at version 1.").WithProblems(409, 415);
        group.MapGet("/", ListTeams).WithName(nameof(ListTeams))
            .WithDescription("Paged (page, pageSize ≤ 200). Scope definitions:read (sla:read, reports:read and definitions:write read too).")
            .WithSummary("List teams at their latest version.").RequiresScope(Scopes.DefinitionsRead).WithProblems();
        group.MapGet("/{id:guid}", GetTeam).WithName(nameof(GetTeam))
            .WithDescription("The ETag is the version, for If-Match on revision. Scope definitions:read (sla:read, reports:read and definitions:write read too).")
            .WithSummary("Read the latest version of a team.").RequiresScope(Scopes.DefinitionsRead).WithProblems(404);
        group.MapGet("/{id:guid}/versions/{version:int}", GetTeamVersion).WithName(nameof(GetTeamVersion))
            .WithDescription("Any version ever stored. Scope definitions:read (sla:read, reports:read and definitions:write read too).")
            .WithSummary("Read one version of a team.").RequiresScope(Scopes.DefinitionsRead).WithProblems(404);
        group.MapPut("/{id:guid}", ReviseTeam).WithName(nameof(ReviseTeam))
            .WithDescription("Stores the next version; an assignment is held to the version in force when it was made. 428 without If-Match, 412 when another revision came first. Scope definitions:write.").RequiresScope(Scopes.DefinitionsWrite)
            .WithSummary("Revise a team: stores the next version. Send If-Match with the version you edited.")
            .WithProblems(404, 409, 412, 415, 428);
        return api;
    }

    private static async Task<Created<TeamDto>> DefineTeam(TeamRequest request, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var team = await sender.Send(request.ToDefineCommand(), ct);
        IfMatch.SetETag(response, team.Version);
        return TypedResults.Created($"/api/v1/teams/{team.Id}", team);
    }

    private static async Task<Ok<Page<TeamDto>>> ListTeams(ISender sender, CancellationToken ct, int? page, int? pageSize) =>
        TypedResults.Ok(await sender.Send(new ListTeamsQuery(new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize)), ct));

    private static async Task<Ok<TeamDto>> GetTeam(Guid id, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var team = await sender.Send(new GetTeamQuery(id, null), ct);
        IfMatch.SetETag(response, team.Version);
        return TypedResults.Ok(team);
    }

    private static async Task<Ok<TeamDto>> GetTeamVersion(Guid id, int version, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetTeamQuery(id, version), ct));

    private static async Task<Ok<TeamDto>> ReviseTeam(
        Guid id, TeamRequest request, ISender sender, HttpRequest httpRequest, HttpResponse response, CancellationToken ct)
    {
        var team = await sender.Send(request.ToReviseCommand(id, IfMatch.ExpectedVersion(httpRequest)), ct);
        IfMatch.SetETag(response, team.Version);
        return TypedResults.Ok(team);
    }
}
