using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Domain.Alerts;

namespace SlaApi.Application.Webhooks;

internal static class WebhookAccess
{
    /// <summary>The subscription, if the caller may see it: a customer-bound key sees only its customer's.</summary>
    public static async Task<WebhookSubscription> VisibleAsync(this IWebhookRepository webhooks, Guid id, ICallerContext caller, CancellationToken ct) =>
        await webhooks.GetAsync(id, ct) is { } found && (caller.CustomerScope is null || found.CustomerId == caller.CustomerScope)
            ? found
            : throw new NotFoundException("Webhook", id);
}
