using SlaApi.Application.Webhooks;
using SlaApi.Domain.Alerts;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Webhooks;

public sealed class WebhookRepository(SessionQueries db, DbSession session, WebhookDispatcher dispatcher) : IWebhookRepository
{
    private const string Columns = """
        id, url, types, customer_id, only_during_coverage, renewal_days, secret, previous_secret, previous_secret_until,
        created_at, disabled_at, disabled_reason, deleted_at
        """;

    private const string InsertSql = """
        INSERT INTO webhooks (id, url, types, customer_id, only_during_coverage, renewal_days, secret, previous_secret, previous_secret_until,
            created_at, disabled_at, disabled_reason, deleted_at)
        VALUES (@Id, @Url, @Types, @CustomerId, @OnlyDuringCoverage, @RenewalDays, @Secret, @PreviousSecret, @PreviousSecretUntil,
            @CreatedAt, NULL, NULL, NULL)
        """;

    private const string GetSql = $"SELECT {Columns} FROM webhooks WHERE id = @Id AND deleted_at IS NULL";

    private const string ListSql = $"SELECT {Columns} FROM webhooks WHERE deleted_at IS NULL ORDER BY created_at, id";

    private const string ListForCustomerSql = $"SELECT {Columns} FROM webhooks WHERE deleted_at IS NULL AND customer_id = @CustomerId ORDER BY created_at, id";

    private const string CountSql = """
        SELECT COUNT(*) FROM webhooks
        WHERE deleted_at IS NULL AND (customer_id = @CustomerId OR (@CustomerId IS NULL AND customer_id IS NULL))
        """;

    private const string UpdateSecretSql = """
        UPDATE webhooks SET secret = @Secret, previous_secret = @PreviousSecret, previous_secret_until = @PreviousSecretUntil WHERE id = @Id
        """;

    private const string DeleteSql = "UPDATE webhooks SET deleted_at = @Now WHERE id = @Id";

    private const string CancelPendingSql = """
        UPDATE webhook_deliveries SET status = @Cancelled, next_attempt_at = NULL WHERE webhook_id = @Id AND status = @Pending
        """;

    private const string DeliveriesSql = """
        SELECT d.id, a.id AS alert_id, a.type, d.status, d.attempts, d.next_attempt_at, d.created_at, d.delivered_at, d.last_status_code, d.last_error
        FROM webhook_deliveries d JOIN alerts a ON a.sequence = d.alert_sequence
        WHERE d.webhook_id = @WebhookId ORDER BY d.created_at DESC, d.id DESC /*PAGING*/
        """;

    private const string AttemptsSql = """
        SELECT delivery_id, attempt, attempted_at, status_code, latency_ms, error FROM webhook_attempts WHERE delivery_id IN @Ids ORDER BY attempt
        """;

    private const string RetrySql = """
        UPDATE webhook_deliveries SET status = @Pending, next_attempt_at = @Now WHERE id = @DeliveryId AND webhook_id = @WebhookId
        """;

    private const string RecordRetrySql = "INSERT INTO webhook_retries (webhook_id, delivery_id, retried_at) VALUES (@WebhookId, @DeliveryId, @Now)";

    private const string DeliveryStatusSql = "SELECT status FROM webhook_deliveries WHERE id = @DeliveryId AND webhook_id = @WebhookId";

    private const string ForgetOldRetriesSql = "DELETE FROM webhook_retries WHERE webhook_id = @WebhookId AND retried_at <= @Since";

    private const string CountRetriesSql = "SELECT COUNT(*) FROM webhook_retries WHERE webhook_id = @WebhookId AND retried_at > @Since";

    public Task AddAsync(WebhookSubscription subscription, CancellationToken ct) =>
        db.ExecuteAsync(InsertSql, new
        {
            subscription.Id, subscription.Url, Types = JsonColumn.Write(subscription.Types), subscription.CustomerId, subscription.OnlyDuringCoverage,
            subscription.RenewalDays, subscription.Secret, subscription.PreviousSecret, subscription.PreviousSecretUntil, subscription.CreatedAt,
        }, ct);

    public async Task<int> CountAsync(Guid? customerId, CancellationToken ct)
    {
        if (db.Dialect.SerializeSql("slaapi-webhooks") is { } serialize)
            await db.ExecuteAsync(serialize, null, ct);
        return (int)(await db.QueryAsync<long>(CountSql, new { CustomerId = customerId }, ct))[0];
    }

    public async Task<WebhookSubscription?> GetAsync(Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<WebhookRow>(GetSql, new { Id = id }, ct))?.ToDomain();

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(Guid? customerId, CancellationToken ct) =>
        (await db.QueryAsync<WebhookRow>(customerId is null ? ListSql : ListForCustomerSql, new { CustomerId = customerId }, ct))
        .Select(r => r.ToDomain()).ToArray();

    public Task UpdateSecretAsync(WebhookSubscription subscription, CancellationToken ct) =>
        db.ExecuteAsync(UpdateSecretSql, new { subscription.Id, subscription.Secret, subscription.PreviousSecret, subscription.PreviousSecretUntil }, ct);

    public async Task DeleteAsync(Guid id, DateTimeOffset now, CancellationToken ct)
    {
        await db.ExecuteAsync(DeleteSql, new { Id = id, Now = now }, ct);
        await db.ExecuteAsync(CancelPendingSql, new { Id = id, Cancelled = DeliveryStatus.Cancelled, Pending = DeliveryStatus.Pending }, ct);
    }

    public async Task<IReadOnlyList<WebhookDeliveryDto>> ListDeliveriesAsync(Guid webhookId, int limit, CancellationToken ct)
    {
        var deliveries = await db.QueryAsync<DeliveryRow>(DeliveriesSql, new { WebhookId = webhookId, Skip = 0, Take = limit }, ct);
        if (deliveries.Count == 0)
            return [];
        var attempts = (await db.QueryAsync<AttemptRow>(AttemptsSql, new { Ids = deliveries.Select(d => d.Id).ToArray() }, ct))
            .ToLookup(a => a.DeliveryId);
        return deliveries.Select(d => new WebhookDeliveryDto(d.Id, d.AlertId, d.Type, d.Status, d.Attempts, d.NextAttemptAt, d.CreatedAt,
            d.DeliveredAt, d.LastStatusCode, d.LastError,
            attempts[d.Id].Select(a => new WebhookAttemptDto(a.Attempt, a.AttemptedAt, a.StatusCode, a.LatencyMs, a.Error)).ToArray())).ToArray();
    }

    public Task<string?> DeliveryStatusAsync(Guid webhookId, Guid deliveryId, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<string>(DeliveryStatusSql, new { WebhookId = webhookId, DeliveryId = deliveryId }, ct);

    public async Task<int> CountRetriesAsync(Guid webhookId, DateTimeOffset since, CancellationToken ct)
    {
        if (db.Dialect.SerializeSql($"slaapi-webhook-retries-{webhookId:N}") is { } serialize)
            await db.ExecuteAsync(serialize, null, ct);
        var window = new { WebhookId = webhookId, Since = since };
        await db.ExecuteAsync(ForgetOldRetriesSql, window, ct);
        return (int)(await db.QueryAsync<long>(CountRetriesSql, window, ct))[0];
    }

    public async Task RetryDeliveryAsync(Guid webhookId, Guid deliveryId, DateTimeOffset now, CancellationToken ct)
    {
        var retry = new { Pending = DeliveryStatus.Pending, Now = now, DeliveryId = deliveryId, WebhookId = webhookId };
        await db.ExecuteAsync(RetrySql, retry, ct);
        await db.ExecuteAsync(RecordRetrySql, retry, ct);
    }

    public void DeliveriesDue() => session.AfterCommitOnce(dispatcher.Wake);

    private sealed class DeliveryRow
    {
        public Guid Id { get; init; }

        public Guid AlertId { get; init; }

        public string Type { get; init; } = "";

        public string Status { get; init; } = "";

        public int Attempts { get; init; }

        public DateTimeOffset? NextAttemptAt { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset? DeliveredAt { get; init; }

        public int? LastStatusCode { get; init; }

        public string? LastError { get; init; }
    }

    private sealed class AttemptRow
    {
        public Guid DeliveryId { get; init; }

        public int Attempt { get; init; }

        public DateTimeOffset AttemptedAt { get; init; }

        public int? StatusCode { get; init; }

        public long LatencyMs { get; init; }

        public string? Error { get; init; }
    }
}
