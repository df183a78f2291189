using Mediator;
using SlaApi.Domain.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using SlaApi.Api.Contracts.V1;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Policies;
using SlaApi.Application.Policies.GetPolicy;
using SlaApi.Application.Policies.ListPolicies;

namespace SlaApi.Api.Endpoints;

public static class PolicyEndpoints
{
    public static IEndpointRouteBuilder MapPolicyEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/policies").WithTags("Policies");
        group.MapPost("/", DefinePolicy).WithName(nameof(DefinePolicy))
            .WithDescription("Targets per priority (1–5) for response, resolution plan, resolution, updates and the next reply to each customer message, each counting on the policy's calendar or a calendar of its own; the statuses that pause the clocks; warning thresholds in percent. Versioned like calendars. Scope definitions:write.").RequiresScope(Scopes.DefinitionsWrite)
            .WithSummary("Define an SLA policy; it starts at version 1.").WithProblems(409, 415);
        group.MapGet("/", ListPolicies).WithName(nameof(ListPolicies))
            .WithDescription("Paged (page, pageSize ≤ 200). Scope definitions:read (sla:read, reports:read and definitions:write read too).")
            .WithSummary("List policies at their latest version.").RequiresScope(Scopes.DefinitionsRead).WithProblems();
        group.MapGet("/{id:guid}", GetPolicy).WithName(nameof(GetPolicy))
            .WithDescription("The ETag is the version, for If-Match on revision. Scope definitions:read (sla:read, reports:read and definitions:write read too).")
            .WithSummary("Read the latest version of a policy.").RequiresScope(Scopes.DefinitionsRead).WithProblems(404);
        group.MapGet("/{id:guid}/versions/{version:int}", GetPolicyVersion).WithName(nameof(GetPolicyVersion))
            .WithDescription("Any version ever stored. Scope definitions:read (sla:read, reports:read and definitions:write read too).")
            .WithSummary("Read one version of a policy.").RequiresScope(Scopes.DefinitionsRead).WithProblems(404);
        group.MapPut("/{id:guid}", RevisePolicy).WithName(nameof(RevisePolicy))
            .WithDescription("Stores the next version; incidents keep the version they were bound with. 428 without If-Match, 412 when another revision came first. Scope definitions:write.").RequiresScope(Scopes.DefinitionsWrite)
            .WithSummary("Revise a policy: stores the next version. Send If-Match with the version you edited.")
            .WithProblems(404, 409, 412, 415, 428);
        return api;
    }

    private static async Task<Created<PolicyDto>> DefinePolicy(PolicyRequest request, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var policy = await sender.Send(request.ToDefineCommand(), ct);
        IfMatch.SetETag(response, policy.Version);
        return TypedResults.Created($"/api/v1/policies/{policy.Id}", policy);
    }

    private static async Task<Ok<Page<PolicyDto>>> ListPolicies(ISender sender, CancellationToken ct, int? page, int? pageSize) =>
        TypedResults.Ok(await sender.Send(new ListPoliciesQuery(new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize)), ct));

    private static async Task<Ok<PolicyDto>> GetPolicy(Guid id, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var policy = await sender.Send(new GetPolicyQuery(id, null), ct);
        IfMatch.SetETag(response, policy.Version);
        return TypedResults.Ok(policy);
    }

    private static async Task<Ok<PolicyDto>> GetPolicyVersion(Guid id, int version, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetPolicyQuery(id, version), ct));

    private static async Task<Ok<PolicyDto>> RevisePolicy(
        Guid id, PolicyRequest request, ISender sender, HttpRequest httpRequest, HttpResponse response, CancellationToken ct)
    {
        var policy = await sender.Send(request.ToReviseCommand(id, IfMatch.ExpectedVersion(httpRequest)), ct);
        IfMatch.SetETag(response, policy.Version);
        return TypedResults.Ok(policy);
    }
}
