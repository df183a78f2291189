using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Webhooks.RetryWebhookDelivery;

/// <summary>Sends the delivery again now, whatever its status, with the same webhook-id; the receiver deduplicates by it.</summary>
public sealed record RetryWebhookDeliveryCommand(Guid WebhookId, Guid DeliveryId) : ICommand;

public sealed class RetryWebhookDeliveryHandler(IWebhookRepository webhooks, ICallerContext caller, TimeProvider time)
    : ICommandHandler<RetryWebhookDeliveryCommand>
{
    public async ValueTask<Unit> Handle(RetryWebhookDeliveryCommand command, CancellationToken ct)
    {
        var subscription = await webhooks.VisibleAsync(command.WebhookId, caller, ct);
        if (subscription.DisabledAt is not null)
            throw new Domain.Common.BusinessRuleException("webhook.disabled", "The subscription was disabled by its receiver (410 Gone); subscribe again.");
        if (!await webhooks.RetryDeliveryAsync(subscription.Id, command.DeliveryId, time.GetUtcNow(), ct))
            throw new NotFoundException("Delivery", command.DeliveryId);
        webhooks.DeliveriesDue();
        return Unit.Value;
    }
}
