using FluentValidation;
using Mediator;
using SlaApi.Application.Access;

namespace SlaApi.Application.Webhooks.ListWebhookDeliveries;

/// <summary>The subscription's latest deliveries, newest first, with every attempt: status, latency and the next attempt.</summary>
public sealed record ListWebhookDeliveriesQuery(Guid WebhookId, int Limit) : IQuery<IReadOnlyList<WebhookDeliveryDto>>;

public sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public const int MaxLimit = 200;

    public ListWebhookDeliveriesValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
}

public sealed class ListWebhookDeliveriesHandler(IWebhookRepository webhooks, ICallerContext caller)
    : IQueryHandler<ListWebhookDeliveriesQuery, IReadOnlyList<WebhookDeliveryDto>>
{
    public async ValueTask<IReadOnlyList<WebhookDeliveryDto>> Handle(ListWebhookDeliveriesQuery query, CancellationToken ct)
    {
        var subscription = await webhooks.VisibleAsync(query.WebhookId, caller, ct);
        return await webhooks.ListDeliveriesAsync(subscription.Id, query.Limit, ct);
    }
}
