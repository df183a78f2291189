using Mediator;

namespace SlaApi.Application.Connectors.FindInboundConnection;

/// <summary>
/// Whether an inbound URL names a connection, asked before its body is read. With <see cref="FromCacheOnly"/> (a client
/// that has failed too often) only connections this node has just seen count, so that guessing costs no lookup.
/// </summary>
public sealed record FindInboundConnectionQuery(Guid ConnectionId, bool FromCacheOnly) : IQuery<bool>;

public sealed class FindInboundConnectionHandler(IConnectionRepository connections, ConnectionCache cache, TimeProvider time)
    : IQueryHandler<FindInboundConnectionQuery, bool>
{
    public async ValueTask<bool> Handle(FindInboundConnectionQuery query, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return (query.FromCacheOnly ? cache.Cached(query.ConnectionId, now) : await cache.GetAsync(query.ConnectionId, connections, now, ct)) is not null;
    }
}
