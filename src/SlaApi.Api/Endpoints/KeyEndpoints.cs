using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SlaApi.Api.Contracts.V1;
using SlaApi.Application.Access;
using SlaApi.Application.Access.ListApiKeys;
using SlaApi.Application.Access.RevokeApiKey;
using SlaApi.Domain.Access;

namespace SlaApi.Api.Endpoints;

public static class KeyEndpoints
{
    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/keys").WithTags("API keys").RequireAuthorization(Scopes.Admin);
        group.MapPost("/", CreateApiKey).WithName(nameof(CreateApiKey))
            .WithDescription("Scopes: admin, definitions:write, incidents:write, sla:read, reports:read. A key bound to a customer reads and writes that customer's data only. Scope admin.")
            .WithSummary("Issue an API key. The response holds its secret; it is shown this once and never stored.")
            .WithProblems(403, 409, 415);
        group.MapGet("/", ListApiKeys).WithName(nameof(ListApiKeys))
            .WithDescription("Scope admin.")
            .WithSummary("List API keys with their prefixes, scopes and last use; never their secrets.").WithProblems(403);
        group.MapDelete("/{id:guid}", RevokeApiKey).WithName(nameof(RevokeApiKey))
            .WithDescription("The key stops working at once on every node that checks it. Scope admin.")
            .WithSummary("Revoke an API key for good.").WithProblems(403, 404);
        return api;
    }

    private static async Task<Created<IssuedApiKeyDto>> CreateApiKey(ApiKeyRequest request, ISender sender, CancellationToken ct)
    {
        var issued = await sender.Send(request.ToCommand(), ct);
        return TypedResults.Created($"/api/v1/keys/{issued.Details.Id}", issued);
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyDto>>> ListApiKeys(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListApiKeysQuery(), ct));

    private static async Task<NoContent> RevokeApiKey(Guid id, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RevokeApiKeyCommand(id), ct);
        return TypedResults.NoContent();
    }
}
