using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using SlaApi.Domain.Common;

namespace SlaApi.Domain.Access;

/// <summary>
/// A key an integration or dashboard presents. Its secret is random (256 bits), shown once at issue and kept
/// only as a SHA-256 hash; a slow hash buys nothing for a secret that cannot be guessed.
/// The key text is <c>sla_&lt;prefix&gt;_&lt;secret&gt;</c>; the prefix finds the key and names it in lists.
/// </summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 100;
    private const string Marker = "sla";
    private const int PrefixBytes = 6;
    private const int SecretBytes = 32;

    private ApiKey(
        Guid id, string name, string prefix, byte[] secretHash, IReadOnlyList<string> scopes, Guid? customerId,
        DateTimeOffset createdAt, DateTimeOffset? expiresAt, DateTimeOffset? lastUsedAt, DateTimeOffset? revokedAt)
    {
        Id = id;
        Name = name;
        Prefix = prefix;
        SecretHash = secretHash;
        Scopes = scopes;
        CustomerId = customerId;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
        LastUsedAt = lastUsedAt;
        RevokedAt = revokedAt;
    }

    public Guid Id { get; }

    public string Name { get; }

    public string Prefix { get; }

    public byte[] SecretHash { get; }

    public IReadOnlyList<string> Scopes { get; }

    /// <summary>When set, the key reaches only this customer's data.</summary>
    public Guid? CustomerId { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset? ExpiresAt { get; }

    public DateTimeOffset? LastUsedAt { get; }

    public DateTimeOffset? RevokedAt { get; private set; }

    /// <returns>The key and its full text, which exists nowhere else once returned.</returns>
    public static (ApiKey Key, string Text) Issue(
        string name, IEnumerable<string> scopes, Guid? customerId, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        var granted = scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (granted.Length == 0 || granted.Any(s => !Access.Scopes.All.Contains(s)))
            throw new BusinessRuleException("key.unknown-scope", $"Scopes must be among: {string.Join(", ", Access.Scopes.All)}.");
        if (customerId is not null && granted.Intersect(Access.Scopes.AcrossCustomers).Any())
            throw new BusinessRuleException("key.customer-bound-scope", "A key bound to a customer cannot hold admin, definitions:write or connections:write.");
        if (expiresAt is { } expiry && expiry <= now)
            throw new BusinessRuleException("key.expired-at-issue", "A key must expire in the future.");

        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixBytes));
        var text = $"{Marker}_{prefix}_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes))}";
        var key = new ApiKey(Guid.CreateVersion7(now), name.Trim(), prefix, Hash(text), granted, customerId, now, expiresAt?.ToUniversalTime(), null, null);
        return (key, text);
    }

    public static ApiKey Rehydrate(
        Guid id, string name, string prefix, byte[] secretHash, IReadOnlyList<string> scopes, Guid? customerId,
        DateTimeOffset createdAt, DateTimeOffset? expiresAt, DateTimeOffset? lastUsedAt, DateTimeOffset? revokedAt) =>
        new(id, name, prefix, secretHash, scopes, customerId, createdAt, expiresAt, lastUsedAt, revokedAt);

    /// <summary>The prefix of a presented key text, or null when it is not shaped like a key.</summary>
    public static string? PrefixOf(string presented)
    {
        var parts = presented.Split('_', 3);
        return parts is [Marker, { Length: PrefixBytes * 2 } prefix, { Length: > 0 }] ? prefix : null;
    }

    /// <summary>Compares in constant time, so response timing tells nothing about how much of a guess was right.</summary>
    public bool Matches(string presented) => CryptographicOperations.FixedTimeEquals(Hash(presented), SecretHash);

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

}
