using Mediator;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Connectors.GetConnectionDelivery;

/// <summary>One delivery of a connection with the raw body it carried: lists leave bodies out, so their size stays bounded.</summary>
public sealed record GetConnectionDeliveryQuery(Guid ConnectionId, Guid DeliveryId) : IQuery<InboundDeliveryDetailDto>;

public sealed class GetConnectionDeliveryHandler(IConnectionRepository connections, IInboundRepository inbox)
    : IQueryHandler<GetConnectionDeliveryQuery, InboundDeliveryDetailDto>
{
    public async ValueTask<InboundDeliveryDetailDto> Handle(GetConnectionDeliveryQuery query, CancellationToken ct)
    {
        _ = await connections.GetAsync(query.ConnectionId, ct) ?? throw new NotFoundException("Connection", query.ConnectionId);
        return await inbox.GetAsync(query.ConnectionId, query.DeliveryId, ct) ?? throw new NotFoundException("Delivery", query.DeliveryId);
    }
}
