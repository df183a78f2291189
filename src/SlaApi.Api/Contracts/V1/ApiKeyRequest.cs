using SlaApi.Application.Access.CreateApiKey;

namespace SlaApi.Api.Contracts.V1;

/// <summary>A new API key.</summary>
/// <param name="Name">What the key is for, 1 to 100 characters, e.g. "ConnectWise integration".</param>
/// <param name="Scopes">Any of admin, definitions:write, incidents:write, sla:read, reports:read.</param>
/// <param name="CustomerId">Limits the key to one customer's data; such a key cannot hold admin, definitions:write or connections:write.</param>
/// <param name="ExpiresAt">When the key stops working; never when absent.</param>
public sealed record ApiKeyRequest(string Name, IReadOnlyList<string> Scopes, Guid? CustomerId, DateTimeOffset? ExpiresAt)
{
    public CreateApiKeyCommand ToCommand() => new(Name, Scopes, CustomerId, ExpiresAt);
}
