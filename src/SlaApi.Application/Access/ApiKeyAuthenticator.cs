using SlaApi.Domain.Access;

namespace SlaApi.Application.Access;

public sealed record AuthenticatedKey(Guid Id, string Name, IReadOnlyList<string> Scopes, Guid? CustomerId);

/// <summary>Finds the active key a request presents; null for a missing, unknown, revoked or expired one.</summary>
public sealed class ApiKeyAuthenticator(IApiKeyRepository keys, ApiKeyCache cache, KeyUsageLog usage, TimeProvider time)
{
    public async Task<AuthenticatedKey?> AuthenticateAsync(string presented, CancellationToken ct)
    {
        var now = time.GetUtcNow();
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
        if (!key.Matches(presented) || !key.IsActiveAt(now))
            return null;
        usage.Record(key.Id, now);
        return new AuthenticatedKey(key.Id, key.Name, key.Scopes, key.CustomerId);
    }
}
