using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Domain.Alerts;
using SlaApi.Domain.Common;

namespace SlaApi.Application.Webhooks.RetryWebhookDelivery;

/// <summary>
/// Sends the delivery again now with the same webhook-id (the receiver deduplicates by it), unless it is waiting to be
/// sent already; at most <see cref="WebhookSubscription.MaxRetriesPerHour"/> per subscription in any hour.
/// </summary>
public sealed record RetryWebhookDeliveryCommand(Guid WebhookId, Guid DeliveryId) : ICommand;

public sealed class RetryWebhookDeliveryHandler(IWebhookRepository webhooks, ICallerContext caller, TimeProvider time)
    : ICommandHandler<RetryWebhookDeliveryCommand>
{
    public async ValueTask<Unit> Handle(RetryWebhookDeliveryCommand command, CancellationToken ct)
    {
        var subscription = await webhooks.VisibleAsync(command.WebhookId, caller, ct);
        if (subscription.DisabledAt is not null)
            throw new BusinessRuleException("webhook.disabled", "The subscription was disabled by its receiver (410 Gone); subscribe again.");
        var status = await webhooks.DeliveryStatusAsync(subscription.Id, command.DeliveryId, ct)
            ?? throw new NotFoundException("Delivery", command.DeliveryId);
        if (status == DeliveryStatus.Pending)
            throw new BusinessRuleException("webhook.delivery-pending", "The delivery is waiting to be sent already; retry it once it is delivered or has failed.");
        var now = time.GetUtcNow();
        if (await webhooks.CountRetriesAsync(subscription.Id, now - WebhookSubscription.RetryWindow, ct) >= WebhookSubscription.MaxRetriesPerHour)
            throw new TooManyRequestsException(
                $"This subscription's deliveries were sent again {WebhookSubscription.MaxRetriesPerHour} times in the last hour already.", TimeSpan.FromMinutes(5));
        await webhooks.RetryDeliveryAsync(subscription.Id, command.DeliveryId, now, ct);
        webhooks.DeliveriesDue();
        return Unit.Value;
    }
}
