using System.Text.Json;
using System.Text.Json.Serialization;
using SlaApi.Application.Alerts;
using SlaApi.Application.Webhooks;
using SlaApi.Domain.Alerts;
using SlaApi.Infrastructure.Alerts;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Webhooks;

/// <summary>The outbox as the dispatcher sees it: claiming due deliveries under a lease, and recording what each run gave.</summary>
public sealed class DeliveryStore(SessionQueries db, PreparedCommands prepared, DbSession session, AlertRepository alertRepository, WebhookOptions options)
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private const string ClaimColumns = "id, webhook_id, alert_sequence, attempts";

    private const string LeaseSql = "UPDATE webhook_deliveries SET next_attempt_at = @LeaseUntil WHERE id IN @Ids";

    private const string RenewSql = "UPDATE webhook_deliveries SET next_attempt_at = @LeaseUntil WHERE id IN @Ids AND status = 'pending'";

    private const string WebhooksSql = """
        SELECT id, url, types, customer_id, only_during_coverage, renewal_days, secret, previous_secret, previous_secret_until,
            created_at, disabled_at, disabled_reason, deleted_at
        FROM webhooks WHERE id IN @Ids
        """;

    private const string InsertAttemptSql = """
        INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, status_code, latency_ms, error)
        VALUES (@DeliveryId, @Attempt, @AttemptedAt, @StatusCode, @LatencyMs, @Error)
        """;

    private const string UpdateDeliverySql = """
        UPDATE webhook_deliveries SET status = @Status, attempts = @Attempts, next_attempt_at = @NextAttemptAt, delivered_at = @DeliveredAt,
            last_status_code = @LastStatusCode, last_error = @LastError
        WHERE id = @Id
        """;

    private const string DisableWebhookSql = """
        UPDATE webhooks SET disabled_at = @Now, disabled_reason = @Reason WHERE id = @Id AND disabled_at IS NULL
        """;

    private const string CancelPendingSql = """
        UPDATE webhook_deliveries SET status = @Cancelled, next_attempt_at = NULL WHERE webhook_id = @Id AND status = @Pending
        """;

    private readonly string _claimSql = ClaimSql(db.Dialect);

    internal static string ClaimSql(ISqlDialect dialect) =>
        dialect.ClaimSql("webhook_deliveries", ClaimColumns,
            "status = 'pending' AND next_attempt_at <= @Now AND NOT (webhook_id IN @Saturated) AND NOT (id IN @Sending)", "next_attempt_at");

    /// <summary>
    /// Takes up to <paramref name="take"/> due deliveries and holds them for the lease: another node (or this one after
    /// a restart) sends them again only once the lease has run out without an answer recorded. Deliveries of the
    /// <paramref name="saturated"/> subscriptions (their receiver has all the sends it may have at once) are left, and so
    /// are those this node is <paramref name="sending"/> still.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(
        DateTimeOffset now, int take, IReadOnlyCollection<Guid> saturated, IReadOnlyCollection<Guid> sending, CancellationToken ct)
    {
        await session.BeginAsync(ct);
        try
        {
            var claimed = await db.QueryAsync<ClaimRow>(_claimSql,
                new { Now = now, Take = take, Saturated = saturated.ToArray(), Sending = sending.ToArray() }, ct);
            if (claimed.Count == 0)
            {
                await session.RollbackAsync(ct);
                return [];
            }
            await db.ExecuteAsync(LeaseSql, new { LeaseUntil = now + options.Lease, Ids = claimed.Select(c => c.Id).ToArray() }, ct);
            var webhooks = (await db.QueryAsync<WebhookRow>(WebhooksSql, new { Ids = claimed.Select(c => c.WebhookId).Distinct().ToArray() }, ct))
                .ToDictionary(w => w.Id);
            var alerts = await alertRepository.BySequencesAsync(claimed.Select(c => c.AlertSequence).Distinct().ToArray(), ct);
            await session.CommitAsync(ct);
            return claimed.Select(c => new ClaimedDelivery(c.Id, c.Attempts, webhooks[c.WebhookId], alerts[c.AlertSequence])).ToArray();
        }
        catch
        {
            await session.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Extends the lease of deliveries still being sent, so no other node sends them meanwhile.</summary>
    public async Task RenewAsync(IReadOnlyCollection<Guid> sending, DateTimeOffset now, CancellationToken ct)
    {
        if (sending.Count > 0)
            await db.ExecuteAsync(RenewSql, new { LeaseUntil = now + options.Lease, Ids = sending.ToArray() }, ct);
    }

    /// <summary>Gives claimed deliveries back, due at once, for a later round: their receiver was busy.</summary>
    public async Task ReleaseAsync(IReadOnlyCollection<Guid> unsent, DateTimeOffset now, CancellationToken ct)
    {
        if (unsent.Count > 0)
            await db.ExecuteAsync(RenewSql, new { LeaseUntil = now, Ids = unsent.ToArray() }, ct);
    }

    /// <summary>
    /// Records, in one transaction, what each delivery's run gave (its attempts; delivered, given up, or the next run's
    /// instant), or that it was cancelled (null: its subscription was deleted or disabled since it was planned).
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<(ClaimedDelivery Delivery, SendResult? Result)> runs, DateTimeOffset now, CancellationToken ct)
    {
        await session.BeginAsync(ct);
        try
        {
            foreach (var (delivery, result) in runs)
            {
                if (result is null)
                    await CancelAsync(delivery, ct);
                else
                    await RecordRunAsync(delivery, result, now, ct);
            }
            await session.CommitAsync(ct);
        }
        catch
        {
            await session.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task RecordRunAsync(ClaimedDelivery delivery, SendResult result, DateTimeOffset now, CancellationToken ct)
    {
        var attempt = delivery.Attempts;
        foreach (var a in result.Attempts)
            await prepared.ExecuteAsync(InsertAttemptSql, new AttemptRow(delivery.Id, ++attempt, a.AttemptedAt, a.StatusCode, a.LatencyMs, Truncate(a.Error)), ct);
        var last = result.Attempts.Count > 0 ? result.Attempts[^1] : null;
        var (status, next, error) = result.Outcome switch
        {
            SendOutcome.Delivered => (DeliveryStatus.Delivered, (DateTimeOffset?)null, (string?)null),
            SendOutcome.Gone => (DeliveryStatus.Failed, null, "The receiver answered 410 Gone; the subscription is disabled."),
            SendOutcome.Refused => (DeliveryStatus.Failed, null, $"The receiver refused the delivery ({last?.StatusCode}); it is not sent again unless retried by hand."),
            _ => NextRun(attempt, now, last?.Error),
        };
        await prepared.ExecuteAsync(UpdateDeliverySql, new DeliveryUpdate(delivery.Id, status, attempt, next,
            status == DeliveryStatus.Delivered ? now : null, last?.StatusCode, Truncate(error ?? last?.Error)), ct);
        if (result.Outcome == SendOutcome.Gone)
        {
            await db.ExecuteAsync(DisableWebhookSql, new { delivery.Webhook.Id, Now = now, Reason = "The receiver answered 410 Gone." }, ct);
            await db.ExecuteAsync(CancelPendingSql, new { delivery.Webhook.Id, Cancelled = DeliveryStatus.Cancelled, Pending = DeliveryStatus.Pending }, ct);
        }
    }

    private Task<int> CancelAsync(ClaimedDelivery delivery, CancellationToken ct) =>
        prepared.ExecuteAsync(UpdateDeliverySql, new DeliveryUpdate(delivery.Id, DeliveryStatus.Cancelled, delivery.Attempts, null, null, null,
            "The subscription was deleted or disabled."), ct);

    /// <summary>The Standard Webhooks envelope; instants are written in UTC with a Z, as the API writes them.</summary>
    public static string Body(AlertDto alert) => JsonSerializer.Serialize(new
    {
        alert.Type,
        Timestamp = alert.FiredAt.UtcDateTime,
        Data = new
        {
            AlertId = alert.Id,
            alert.Sequence,
            alert.IncidentId,
            alert.Source,
            alert.ExternalId,
            alert.CustomerId,
            alert.AgreementId,
            alert.Metric,
            alert.Cycle,
            alert.Threshold,
            OccurredAt = alert.OccurredAt.UtcDateTime,
            DueAt = alert.DueAt?.UtcDateTime,
            alert.Late,
            alert.DaysBefore,
            alert.Reason,
        },
    }, PayloadJson);

    /// <summary>The next run after <paramref name="attempts"/> attempts, each run being a first attempt and its immediate retries.</summary>
    private (string Status, DateTimeOffset? Next, string? Error) NextRun(int attempts, DateTimeOffset now, string? error)
    {
        var runs = (attempts + options.ImmediateRetries) / (options.ImmediateRetries + 1);
        if (runs > options.RetrySchedule.Length)
            return (DeliveryStatus.Failed, null, $"Given up after {attempts} attempts. {error}".Trim());
        var wait = options.RetrySchedule[runs - 1] * (0.8 + Random.Shared.NextDouble() * 0.4);
        return (DeliveryStatus.Pending, now + wait, error);
    }

    private static string? Truncate(string? text) => text is { Length: > 1000 } ? text[..1000] : text;

    private sealed record AttemptRow(Guid DeliveryId, int Attempt, DateTimeOffset AttemptedAt, int? StatusCode, long LatencyMs, string? Error);

    private sealed record DeliveryUpdate(
        Guid Id, string Status, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, int? LastStatusCode, string? LastError);

    private sealed class ClaimRow
    {
        public Guid Id { get; init; }

        public Guid WebhookId { get; init; }

        public long AlertSequence { get; init; }

        public int Attempts { get; init; }
    }
}

public sealed record ClaimedDelivery(Guid Id, int Attempts, WebhookRow Webhook, AlertDto Alert)
{
    public OutgoingDelivery Outgoing(DateTimeOffset now) =>
        new(Id, Webhook.Url, DeliveryStore.Body(Alert), Webhook.ToDomain().SigningSecrets(now));
}

public sealed class WebhookRow
{
    public Guid Id { get; init; }

    public string Url { get; init; } = "";

    public string Types { get; init; } = "[]";

    public Guid? CustomerId { get; init; }

    public bool OnlyDuringCoverage { get; init; }

    public int RenewalDays { get; init; }

    public string Secret { get; init; } = "";

    public string? PreviousSecret { get; init; }

    public DateTimeOffset? PreviousSecretUntil { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DisabledAt { get; init; }

    public string? DisabledReason { get; init; }

    public DateTimeOffset? DeletedAt { get; init; }

    public WebhookSubscription ToDomain() => WebhookSubscription.Rehydrate(Id, Url, JsonColumn.Read<string[]>(Types), CustomerId,
        OnlyDuringCoverage, RenewalDays, Secret, PreviousSecret, PreviousSecretUntil, CreatedAt, DisabledAt, DisabledReason);
}
