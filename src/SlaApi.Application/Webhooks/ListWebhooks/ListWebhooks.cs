using Mediator;
using SlaApi.Application.Access;

namespace SlaApi.Application.Webhooks.ListWebhooks;

/// <summary>The subscriptions the caller may see, oldest first; secrets are not shown again.</summary>
public sealed record ListWebhooksQuery : IQuery<IReadOnlyList<WebhookDto>>;

public sealed class ListWebhooksHandler(IWebhookRepository webhooks, ICallerContext caller) : IQueryHandler<ListWebhooksQuery, IReadOnlyList<WebhookDto>>
{
    public async ValueTask<IReadOnlyList<WebhookDto>> Handle(ListWebhooksQuery query, CancellationToken ct) =>
        (await webhooks.ListAsync(caller.CustomerScope, ct)).Select(WebhookDto.From).ToArray();
}
