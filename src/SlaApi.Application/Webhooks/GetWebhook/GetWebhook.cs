using Mediator;
using SlaApi.Application.Access;

namespace SlaApi.Application.Webhooks.GetWebhook;

public sealed record GetWebhookQuery(Guid Id) : IQuery<WebhookDto>;

public sealed class GetWebhookHandler(IWebhookRepository webhooks, ICallerContext caller) : IQueryHandler<GetWebhookQuery, WebhookDto>
{
    public async ValueTask<WebhookDto> Handle(GetWebhookQuery query, CancellationToken ct) =>
        WebhookDto.From(await webhooks.VisibleAsync(query.Id, caller, ct));
}
