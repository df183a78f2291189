using Mediator;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Connectors.GetConnection;

public sealed record GetConnectionQuery(Guid Id) : IQuery<ConnectionDto>;

public sealed class GetConnectionHandler(IConnectionRepository connections) : IQueryHandler<GetConnectionQuery, ConnectionDto>
{
    public async ValueTask<ConnectionDto> Handle(GetConnectionQuery query, CancellationToken ct) =>
        ConnectionDto.From(await connections.GetAsync(query.Id, ct) ?? throw new NotFoundException("Connection", query.Id));
}
