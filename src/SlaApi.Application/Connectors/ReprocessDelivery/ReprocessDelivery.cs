using Mediator;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Connectors.ReprocessDelivery;

/// <summary>Puts a delivery back in the inbox, whatever became of it, to be processed with the connection's mapping as it is now.</summary>
public sealed record ReprocessDeliveryCommand(Guid ConnectionId, Guid DeliveryId) : ICommand;

public sealed class ReprocessDeliveryHandler(IConnectionRepository connections, IInboundRepository inbox, TimeProvider time)
    : ICommandHandler<ReprocessDeliveryCommand>
{
    public async ValueTask<Unit> Handle(ReprocessDeliveryCommand command, CancellationToken ct)
    {
        _ = await connections.GetAsync(command.ConnectionId, ct) ?? throw new NotFoundException("Connection", command.ConnectionId);
        if (!await inbox.RequeueAsync(command.ConnectionId, command.DeliveryId, time.GetUtcNow(), ct))
            throw new NotFoundException("Delivery", command.DeliveryId);
        inbox.DeliveriesWaiting();
        return Unit.Value;
    }
}
