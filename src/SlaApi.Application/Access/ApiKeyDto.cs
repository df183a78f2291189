using SlaApi.Domain.Access;

namespace SlaApi.Application.Access;

/// <summary>A key as listed: never its secret.</summary>
public sealed record ApiKeyDto(
    Guid Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    Guid? CustomerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public static ApiKeyDto From(ApiKey key) =>
        new(key.Id, key.Name, key.Prefix, key.Scopes, key.CustomerId, key.CreatedAt, key.ExpiresAt, key.LastUsedAt, key.RevokedAt);
}

/// <summary>A key just issued. <see cref="Key"/> is the only copy of its secret: it is not stored and cannot be shown again.</summary>
public sealed record IssuedApiKeyDto(string Key, ApiKeyDto Details);
