using SlaApi.Domain.Access;

namespace SlaApi.Application.Access;

public sealed record AuthenticatedKey(Guid Id, string Name, IReadOnlyList<string> Scopes, Guid? CustomerId);

/// <summary>Finds the active key a request presents; null for a missing, unknown, revoked or expired one.</summary>
public sealed class ApiKeyAuthenticator(IApiKeyRepository keys, ApiKeyCache cache, KeyUsageLog usage, TimeProvider time)
{
    public async Task<AuthenticatedKey?> AuthenticateAsync(string presented, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (await ActiveKeyAsync(presented, now, ct) is not { } key)
            return null;
        usage.Record(key.Id, now);
        return new AuthenticatedKey(key.Id, key.Name, key.Scopes, key.CustomerId);
    }

    /// <summary>
    /// Whether a key that was accepted still is, for requests that outlive their authentication (alert streams): false
    /// from the moment it is revoked through this node, within <see cref="ApiKeyCache.TimeToLive"/> of a revocation on
    /// another, and once it expires. Not counted as a use of the key.
    /// </summary>
    public async Task<bool> IsStillActiveAsync(string presented, CancellationToken ct) =>
        await ActiveKeyAsync(presented, time.GetUtcNow(), ct) is not null;

    private async Task<ApiKey?> ActiveKeyAsync(string presented, DateTimeOffset now, CancellationToken ct)
    {
        if (ApiKey.PrefixOf(presented) is not { } prefix || cache.IsRevoked(prefix) || cache.IsKnownUnknown(prefix, now))
            return null;
        var key = cache.Find(prefix, now);
        if (key is null)
        {
            key = await keys.FindByPrefixAsync(prefix, ct);
            if (key is null)
            {
                cache.RememberUnknown(prefix, now);
                return null;
            }
            cache.Remember(key, now);
        }
        return key.Matches(presented) && key.IsActiveAt(now) ? key : null;
    }
}
