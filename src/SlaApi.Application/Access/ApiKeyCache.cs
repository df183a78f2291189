using System.Collections.Concurrent;
using SlaApi.Domain.Access;

namespace SlaApi.Application.Access;

/// <summary>
/// Keeps recently used keys for <see cref="TimeToLive"/> so that a request costs no key lookup, and records
/// last use at most once per <see cref="TouchInterval"/> per key, so that reads stay reads. A revocation made
/// through this process is seen at once; one made elsewhere within <see cref="TimeToLive"/>.
/// </summary>
public sealed class ApiKeyCache
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (ApiKey Key, DateTimeOffset LoadedAt)> _byPrefix = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _touchedAt = new();

    public ApiKey? Find(string prefix, DateTimeOffset now) =>
        _byPrefix.TryGetValue(prefix, out var entry) && now - entry.LoadedAt < TimeToLive ? entry.Key : null;

    public void Remember(ApiKey key, DateTimeOffset now)
    {
        if (_byPrefix.Count >= MaxEntries)
            _byPrefix.Clear();
        _byPrefix[key.Prefix] = (key, now);
    }

    public void Forget(string prefix) => _byPrefix.TryRemove(prefix, out _);

    /// <summary>True when the key's last use should be written now.</summary>
    public bool ShouldTouch(Guid keyId, DateTimeOffset now)
    {
        var last = _touchedAt.GetOrAdd(keyId, DateTimeOffset.MinValue);
        return now - last >= TouchInterval && _touchedAt.TryUpdate(keyId, now, last);
    }
}
