using BitFaster.Caching.Lru;
using SlaApi.Domain.Connectors;

namespace SlaApi.Application.Connectors;

/// <summary>
/// Keeps connections, and ids that named none, for <see cref="TimeToLive"/>, so that a delivery costs no connection
/// lookup; least recently used first out. A revision or deletion through this process takes effect here at once, one
/// on another node within <see cref="TimeToLive"/>.
/// </summary>
public sealed class ConnectionCache
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(5);
    public const int Capacity = 1_000;

    private readonly FastConcurrentLru<Guid, (Connection? Connection, DateTimeOffset LoadedAt)> _byId = new(Capacity);

    public async Task<Connection?> GetAsync(Guid id, IConnectionRepository connections, DateTimeOffset now, CancellationToken ct)
    {
        if (_byId.TryGet(id, out var entry) && now - entry.LoadedAt < TimeToLive)
            return entry.Connection;
        var connection = await connections.GetAsync(id, ct);
        _byId.AddOrUpdate(id, (connection, now));
        return connection;
    }

    /// <summary>The connection when this cache holds it fresh, without a lookup; null when it is not held or named none.</summary>
    public Connection? Cached(Guid id, DateTimeOffset now) =>
        _byId.TryGet(id, out var entry) && now - entry.LoadedAt < TimeToLive ? entry.Connection : null;

    public void Forget(Guid id) => _byId.TryRemove(id);
}
