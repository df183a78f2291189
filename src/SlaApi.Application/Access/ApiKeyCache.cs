using BitFaster.Caching.Lru;
using SlaApi.Domain.Access;

namespace SlaApi.Application.Access;

/// <summary>
/// Keeps recently used keys for <see cref="TimeToLive"/> so that a request costs no key lookup, and prefixes that
/// matched no key for <see cref="UnknownTimeToLive"/> so that guessing costs no query either; both least recently
/// used first out. A key revoked through this process is refused from the moment its revocation begins and can
/// never be cached again, so no request racing the revocation's commit can bring it back; one revoked on another
/// node is refused here within <see cref="TimeToLive"/>.
/// </summary>
public sealed class ApiKeyCache
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan UnknownTimeToLive = TimeSpan.FromSeconds(10);
    public const int Capacity = 10_000;

    private readonly FastConcurrentLru<string, (ApiKey Key, DateTimeOffset LoadedAt)> _byPrefix = new(Capacity);
    private readonly FastConcurrentLru<string, DateTimeOffset> _unknown = new(Capacity);
    private readonly FastConcurrentLru<string, bool> _revoked = new(Capacity);

    public ApiKey? Find(string prefix, DateTimeOffset now) =>
        _byPrefix.TryGet(prefix, out var entry) && now - entry.LoadedAt < TimeToLive ? entry.Key : null;

    public bool IsRevoked(string prefix) => _revoked.TryGet(prefix, out _);

    public bool IsKnownUnknown(string prefix, DateTimeOffset now) => _unknown.TryGet(prefix, out var since) && now - since < UnknownTimeToLive;

    public void Remember(ApiKey key, DateTimeOffset now)
    {
        if (!IsRevoked(key.Prefix))
            _byPrefix.AddOrUpdate(key.Prefix, (key, now));
    }

    public void RememberUnknown(string prefix, DateTimeOffset now) => _unknown.AddOrUpdate(prefix, now);

    /// <summary>Called before the revocation commits: a failed commit leaves the key refused here until restart, never the reverse.</summary>
    public void Revoked(string prefix)
    {
        _revoked.AddOrUpdate(prefix, true);
        _byPrefix.TryRemove(prefix);
    }
}
