using SlaApi.Domain.Alerts;

namespace SlaApi.Application.Webhooks;

public sealed record WebhookDto(
    Guid Id, string Url, IReadOnlyList<string> Types, Guid? CustomerId, bool OnlyDuringCoverage, int RenewalDays,
    DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, string? DisabledReason, DateTimeOffset? PreviousSecretUntil)
{
    public static WebhookDto From(WebhookSubscription s) =>
        new(s.Id, s.Url, s.Types, s.CustomerId, s.OnlyDuringCoverage, s.RenewalDays, s.CreatedAt, s.DisabledAt, s.DisabledReason, s.PreviousSecretUntil);
}

/// <summary>A subscription with its signing secret, which is shown only here.</summary>
public sealed record WebhookWithSecretDto(WebhookDto Webhook, string Secret);

/// <summary>
/// One alert's delivery to one subscription. <see cref="Id"/> is the <c>webhook-id</c> header of every attempt.
/// Status: pending (an attempt is due at <see cref="NextAttemptAt"/>), delivered, failed (given up, or refused by the
/// receiver), cancelled (the subscription was deleted).
/// </summary>
public sealed record WebhookDeliveryDto(
    Guid Id, Guid AlertId, string Type, string Status, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt, int? LastStatusCode, string? LastError, IReadOnlyList<WebhookAttemptDto> AttemptLog);

/// <param name="StatusCode">Null when no answer came (timeout, connection refused).</param>
public sealed record WebhookAttemptDto(int Attempt, DateTimeOffset AttemptedAt, int? StatusCode, long LatencyMs, string? Error);

public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

public interface IWebhookRepository
{
    Task AddAsync(WebhookSubscription subscription, CancellationToken ct);

    /// <summary>
    /// The subscriptions not deleted that are bound to <paramref name="customerId"/> (to none: those of every customer).
    /// Holds the subscriptions until the transaction ends, so two requests cannot both pass the cap between count and insert.
    /// </summary>
    Task<int> CountAsync(Guid? customerId, CancellationToken ct);

    /// <summary>A subscription that was not deleted.</summary>
    Task<WebhookSubscription?> GetAsync(Guid id, CancellationToken ct);

    Task<IReadOnlyList<WebhookSubscription>> ListAsync(Guid? customerId, CancellationToken ct);

    Task UpdateSecretAsync(WebhookSubscription subscription, CancellationToken ct);

    /// <summary>Deletes the subscription and cancels its deliveries still pending.</summary>
    Task DeleteAsync(Guid id, DateTimeOffset now, CancellationToken ct);

    /// <summary>The subscription's deliveries, newest first, each with its attempts.</summary>
    Task<IReadOnlyList<WebhookDeliveryDto>> ListDeliveriesAsync(Guid webhookId, int limit, CancellationToken ct);

    /// <summary>The delivery's status, or null when the subscription has no such delivery.</summary>
    Task<string?> DeliveryStatusAsync(Guid webhookId, Guid deliveryId, CancellationToken ct);

    /// <summary>
    /// How many times the subscription's deliveries were sent again on request since <paramref name="since"/>. Holds the
    /// subscription's retries until the transaction ends, so two requests cannot both pass the limit between count and record.
    /// </summary>
    Task<int> CountRetriesAsync(Guid webhookId, DateTimeOffset since, CancellationToken ct);

    /// <summary>Makes the delivery pending again, due at <paramref name="now"/>, and records the retry.</summary>
    Task RetryDeliveryAsync(Guid webhookId, Guid deliveryId, DateTimeOffset now, CancellationToken ct);

    /// <summary>Wakes whatever sends deliveries, once the transaction has committed.</summary>
    void DeliveriesDue();
}

/// <summary>What a webhook URL must be before it is stored; the sender checks again, on the resolved address, at every delivery.</summary>
public interface IWebhookUrlPolicy
{
    /// <returns>Why the URL is refused, or null.</returns>
    string? Refusal(Uri url);
}
