using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SlaApi.Api.Contracts.V1;
using SlaApi.Application.Webhooks;
using SlaApi.Application.Webhooks.DeleteWebhook;
using SlaApi.Application.Webhooks.GetWebhook;
using SlaApi.Application.Webhooks.ListWebhookDeliveries;
using SlaApi.Application.Webhooks.ListWebhooks;
using SlaApi.Application.Webhooks.RetryWebhookDelivery;
using SlaApi.Application.Webhooks.RotateWebhookSecret;
using SlaApi.Domain.Access;

namespace SlaApi.Api.Endpoints;

public static class WebhookEndpoints
{
    private const int DefaultDeliveries = 50;

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Alerts");
        group.MapPost("/", CreateWebhook).WithName(nameof(CreateWebhook))
            .WithDescription("Each delivery is a Standard Webhooks POST: body {type, timestamp, data}; headers webhook-id (the same on every attempt), webhook-timestamp and webhook-signature (v1, HMAC-SHA256 of id.timestamp.body with the secret). Failed attempts are retried with backoff for over 24 hours; 410 Gone disables the subscription. A customer-bound key subscribes to its own customer's alerts. Scope webhooks:write.")
            .WithSummary("Subscribe a URL to alerts. The response holds the signing secret (whsec_…), shown this once.")
            .RequiresScope(Scopes.WebhooksWrite).WithProblems(415);
        group.MapGet("/", ListWebhooks).WithName(nameof(ListWebhooks))
            .WithDescription("A customer-bound key sees its own customer's subscriptions. Scope webhooks:write.")
            .WithSummary("List webhook subscriptions, without their secrets.").RequiresScope(Scopes.WebhooksWrite).WithProblems();
        group.MapGet("/{id:guid}", GetWebhook).WithName(nameof(GetWebhook))
            .WithDescription("Scope webhooks:write.")
            .WithSummary("A webhook subscription, without its secret.").RequiresScope(Scopes.WebhooksWrite).WithProblems(404);
        group.MapDelete("/{id:guid}", DeleteWebhook).WithName(nameof(DeleteWebhook))
            .WithDescription("Deliveries still pending are cancelled; the alerts stay in the feed. Scope webhooks:write.")
            .WithSummary("Delete a webhook subscription.").RequiresScope(Scopes.WebhooksWrite).WithProblems(404);
        group.MapPost("/{id:guid}/secret", RotateWebhookSecret).WithName(nameof(RotateWebhookSecret))
            .WithDescription("For 24 hours every delivery carries two signatures, one with each secret, so the receiver can switch without missing one. Scope webhooks:write.")
            .WithSummary("Rotate the signing secret; the new one is shown this once.").RequiresScope(Scopes.WebhooksWrite).WithProblems(404);
        group.MapGet("/{id:guid}/deliveries", ListWebhookDeliveries).WithName(nameof(ListWebhookDeliveries))
            .WithDescription("Newest first (limit ≤ 200, 50 when absent): status (pending, delivered, failed, cancelled), each attempt's status code and latency, and the next attempt. Scope webhooks:write.")
            .WithSummary("The subscription's deliveries and their attempts.").RequiresScope(Scopes.WebhooksWrite).WithProblems(404);
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/retry", RetryWebhookDelivery).WithName(nameof(RetryWebhookDelivery))
            .WithDescription("A delivered or failed delivery is sent again now with the same webhook-id. 409 while it is waiting to be sent already, or when the subscription was disabled by a 410; 429 beyond 30 retries per subscription in any hour. Scope webhooks:write.")
            .WithSummary("Send a delivery again.").RequiresScope(Scopes.WebhooksWrite).WithProblems(404, 409, 429);
        return api;
    }

    private static async Task<Created<WebhookWithSecretDto>> CreateWebhook(WebhookRequest request, ISender sender, CancellationToken ct)
    {
        var created = await sender.Send(request.ToCommand(), ct);
        return TypedResults.Created($"/api/v1/webhooks/{created.Webhook.Id}", created);
    }

    private static async Task<Ok<IReadOnlyList<WebhookDto>>> ListWebhooks(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListWebhooksQuery(), ct));

    private static async Task<Ok<WebhookDto>> GetWebhook(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetWebhookQuery(id), ct));

    private static async Task<NoContent> DeleteWebhook(Guid id, ISender sender, CancellationToken ct)
    {
        await sender.Send(new DeleteWebhookCommand(id), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<WebhookWithSecretDto>> RotateWebhookSecret(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RotateWebhookSecretCommand(id), ct));

    private static async Task<Ok<IReadOnlyList<WebhookDeliveryDto>>> ListWebhookDeliveries(Guid id, ISender sender, CancellationToken ct, int? limit) =>
        TypedResults.Ok(await sender.Send(new ListWebhookDeliveriesQuery(id, limit ?? DefaultDeliveries), ct));

    private static async Task<Accepted> RetryWebhookDelivery(Guid id, Guid deliveryId, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RetryWebhookDeliveryCommand(id, deliveryId), ct);
        return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries");
    }
}
