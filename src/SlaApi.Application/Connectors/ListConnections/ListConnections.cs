using Mediator;

namespace SlaApi.Application.Connectors.ListConnections;

public sealed record ListConnectionsQuery : IQuery<IReadOnlyList<ConnectionDto>>;

public sealed class ListConnectionsHandler(IConnectionRepository connections) : IQueryHandler<ListConnectionsQuery, IReadOnlyList<ConnectionDto>>
{
    public async ValueTask<IReadOnlyList<ConnectionDto>> Handle(ListConnectionsQuery query, CancellationToken ct) =>
        (await connections.ListAsync(ct)).Select(ConnectionDto.From).ToArray();
}
