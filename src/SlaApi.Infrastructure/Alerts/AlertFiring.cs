using NodaTime;
using SlaApi.Application.Agreements;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Incidents;
using SlaApi.Application.Webhooks;
using SlaApi.Domain.Alerts;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Incidents;
using SlaApi.Infrastructure.Incidents;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Alerts;

/// <summary>
/// Turns due alarms into alerts, and alerts into deliveries, in one transaction per round: an alarm is deleted only
/// with the alert it fired and the deliveries that alert owes, so a crash anywhere fires it again later, and the
/// alert's unique key makes that second firing a no-op. Alerts are appended one transaction at a time (the dialect's
/// <see cref="ISqlDialect.SerializeSql"/>), so their sequence is their commit order and the feed never skips one.
/// </summary>
public sealed class AlertFiring(SessionQueries db, PreparedCommands prepared, DbSession session, IAgreementRepository agreements, BoundSlaProvider slas)
{
    public const int BatchSize = 500;
    private const string AppendResource = "slaapi-alerts";

    private const string AlarmColumns = "alarm_key, incident_id, metric, type, cycle, threshold, occurs_at, due_at, coverage_calendar_id, retroactive";

    private const string IncidentsSql = """
        SELECT id, source, external_id, customer_id, agreement_id, agreement_version, policy_id, policy_version, calendar_versions, response_tier, unbound_reason
        FROM incidents WHERE id IN @Ids
        """;

    private const string AlertColumns = """
        id, alert_key, type, incident_id, source, external_id, customer_id, agreement_id, metric, cycle, threshold,
        occurred_at, due_at, late, retroactive, days_before, reason, coverage_calendar_id, fired_at
        """;

    private const string AlertValues = """
        @Id, @AlertKey, @Type, @IncidentId, @Source, @ExternalId, @CustomerId, @AgreementId, @Metric, @Cycle, @Threshold,
        @OccurredAt, @DueAt, @Late, @Retroactive, @DaysBefore, @Reason, @CoverageCalendarId, @FiredAt
        """;

    private const string InsertedSql = "SELECT sequence, id, type, customer_id, incident_id, days_before FROM alerts WHERE id IN @Ids";

    private const string SubscriptionsSql = """
        SELECT id, types, customer_id, only_during_coverage, renewal_days FROM webhooks WHERE deleted_at IS NULL AND disabled_at IS NULL
        """;

    private const string InsertDeliverySql = """
        INSERT INTO webhook_deliveries (id, webhook_id, alert_sequence, status, attempts, next_attempt_at, created_at)
        VALUES (@Id, @WebhookId, @AlertSequence, @Status, 0, @NextAttemptAt, @CreatedAt)
        """;

    private const string DeleteAlarmsSql = "DELETE FROM sla_alarms WHERE alarm_key IN @Keys";

    private const string NextDueSql = "SELECT MIN(occurs_at) FROM sla_alarms";

    private readonly string _claimSql = ClaimSql(db.Dialect);
    private readonly string _insertAlertSql = InsertAlertSql(db.Dialect);

    internal static string ClaimSql(ISqlDialect dialect) => dialect.ClaimSql("sla_alarms", AlarmColumns, "occurs_at <= @Now", "occurs_at");

    internal static string InsertAlertSql(ISqlDialect dialect) => dialect.InsertIfAbsentSql("alerts", AlertColumns, AlertValues, "alert_key");

    internal static string? SerializeSql(ISqlDialect dialect) => dialect.SerializeSql(AppendResource);

    /// <summary>Fires up to <see cref="BatchSize"/> alarms due at <paramref name="now"/>.</summary>
    public async Task<FiringResult> FireDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        await session.BeginAsync(ct);
        try
        {
            var alarms = await db.QueryAsync<AlarmRow>(_claimSql, new { Now = now, Take = BatchSize }, ct);
            if (alarms.Count == 0)
            {
                await session.RollbackAsync(ct);
                return new FiringResult(0, 0, 0);
            }
            var incidents = (await db.QueryAsync<IncidentRow>(IncidentsSql, new { Ids = alarms.Select(a => a.IncidentId).Distinct().ToArray() }, ct))
                .ToDictionary(i => i.Id);
            var alerts = alarms.Where(a => incidents.ContainsKey(a.IncidentId)).Select(a => AlertRow.From(a, incidents[a.IncidentId], now)).ToArray();
            var (fired, deliveries) = await AppendAsync(alerts, now, incidents, ct);
            await db.ExecuteAsync(DeleteAlarmsSql, new { Keys = alarms.Select(a => a.AlarmKey).ToArray() }, ct);
            await session.CommitAsync(ct);
            return new FiringResult(alarms.Count, fired, deliveries);
        }
        catch
        {
            await session.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>When the earliest planned alarm falls due; null when none is planned.</summary>
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken ct) => db.QuerySingleOrDefaultAsync<DateTimeOffset?>(NextDueSql, null, ct);

    /// <summary>
    /// Fires the renewal alerts due at <paramref name="now"/>: for every agreement, those of the feed's lead time and of
    /// the lead times of subscriptions that see every customer; for a customer's agreements, those of its own
    /// subscriptions too. So one customer's lead times never put alerts in another's feed, and each check reads only
    /// the agreements whose dates fall within the longest lead time asked for them, a page at a time.
    /// </summary>
    public async Task<FiringResult> FireRenewalsAsync(DateTimeOffset now, TimeSpan checkInterval, CancellationToken ct)
    {
        await session.BeginAsync(ct);
        try
        {
            var subscriptions = await db.QueryAsync<SubscriptionRow>(SubscriptionsSql, null, ct);
            var alerts = new List<AlertRow>();
            foreach (var (customerId, leads) in RenewalLeads(subscriptions))
            {
                for (var page = new PageRequest(1, RenewalPageSize); ; page = page with { PageNumber = page.PageNumber + 1 })
                {
                    var renewals = await agreements.ListRenewalsAsync(now, now.AddDays(leads.Max()), customerId, page, ct);
                    foreach (var renewal in renewals.Items)
                    {
                        foreach (var (reason, at) in renewal.Dates().Where(d => d.At >= now))
                        {
                            foreach (var days in leads.Where(days => at.AddDays(-days) <= now))
                                alerts.Add(AlertRow.Renewal(renewal.AgreementId, renewal.CustomerId, reason, at, days, now, checkInterval));
                        }
                    }
                    if (page.Skip + renewals.Items.Count >= renewals.TotalItems || renewals.Items.Count == 0)
                        break;
                }
            }
            var (fired, deliveries) = alerts.Count == 0 ? (0, 0) : await AppendAsync(alerts, now, new Dictionary<Guid, IncidentRow>(), ct);
            await session.CommitAsync(ct);
            return new FiringResult(0, fired, deliveries);
        }
        catch
        {
            await session.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    private const int RenewalPageSize = 500;

    /// <summary>
    /// The lead times renewals are looked for with: for every customer (null), the feed's and those of subscriptions
    /// that see every customer; for a customer, those of its own subscriptions that every customer's do not already give.
    /// </summary>
    private static IEnumerable<(Guid? CustomerId, int[] Days)> RenewalLeads(IEnumerable<SubscriptionRow> subscriptions)
    {
        var wanting = subscriptions.Where(s => s.Wants(AlertTypes.RenewalDue)).ToArray();
        var everyone = wanting.Where(s => s.CustomerId is null).Select(s => s.RenewalDays).Append(WebhookSubscription.DefaultRenewalDays).ToHashSet();
        yield return (null, everyone.ToArray());
        foreach (var own in wanting.Where(s => s.CustomerId is not null).GroupBy(s => s.CustomerId))
        {
            var days = own.Select(s => s.RenewalDays).Where(d => !everyone.Contains(d)).Distinct().ToArray();
            if (days.Length > 0)
                yield return (own.Key, days);
        }
    }

    /// <returns>How many alerts were new, and how many deliveries they owe.</returns>
    private async Task<(int Fired, int Deliveries)> AppendAsync(
        IReadOnlyList<AlertRow> alerts, DateTimeOffset now, IReadOnlyDictionary<Guid, IncidentRow> incidents, CancellationToken ct)
    {
        if (SerializeSql(db.Dialect) is { } serialize)
            await db.ExecuteAsync(serialize, null, ct);
        foreach (var alert in alerts)
            await prepared.ExecuteAsync(_insertAlertSql, alert, ct);
        var inserted = await db.QueryAsync<InsertedRow>(InsertedSql, new { Ids = alerts.Select(a => a.Id).ToArray() }, ct);
        if (inserted.Count == 0)
            return (0, 0);

        var subscriptions = await db.QueryAsync<SubscriptionRow>(SubscriptionsSql, null, ct);
        var coverage = alerts.ToDictionary(a => a.Id, a => a.CoverageCalendarId);
        var deliveries = 0;
        foreach (var alert in inserted.OrderBy(a => a.Sequence))
        {
            foreach (var subscription in subscriptions.Where(s => s.Wants(alert.Type) && (s.CustomerId is null || s.CustomerId == alert.CustomerId)))
            {
                if (alert.DaysBefore is { } days && days != subscription.RenewalDays)
                    continue;
                var due = subscription.OnlyDuringCoverage && AlertTypes.IsWarning(alert.Type) && alert.IncidentId is { } incidentId
                    ? await NextOpeningAsync(incidents[incidentId], coverage[alert.Id], now, ct)
                    : now;
                await prepared.ExecuteAsync(InsertDeliverySql, new DeliveryRow(Guid.CreateVersion7(now), subscription.Id, alert.Sequence, DeliveryStatus.Pending, due, now), ct);
                deliveries++;
            }
        }
        return (inserted.Count, deliveries);
    }

    /// <summary>When the policy's own calendar is next open, from <paramref name="now"/> on.</summary>
    private async Task<DateTimeOffset> NextOpeningAsync(IncidentRow incident, Guid? calendarId, DateTimeOffset now, CancellationToken ct)
    {
        if (calendarId is not { } id || await slas.GetAsync(incident.Binding(), ct) is not { } sla)
            return now;
        try
        {
            return sla.Calendar(id).NextOpening(Instant.FromDateTimeOffset(now)).ToDateTimeOffset();
        }
        catch (OutsideSupportedYearsException)
        {
            return now;
        }
    }

    private sealed class IncidentRow
    {
        public Guid Id { get; init; }

        public string Source { get; init; } = "";

        public string ExternalId { get; init; } = "";

        public Guid CustomerId { get; init; }

        public Guid? AgreementId { get; init; }

        public int? AgreementVersion { get; init; }

        public Guid? PolicyId { get; init; }

        public int? PolicyVersion { get; init; }

        public string? CalendarVersions { get; init; }

        public string? ResponseTier { get; init; }

        public string? UnboundReason { get; init; }

        public IncidentBinding? Binding() =>
            IncidentRepository.BindingOf(AgreementId, AgreementVersion, PolicyId, PolicyVersion, CalendarVersions, ResponseTier);
    }

    private sealed class AlertRow
    {
        public Guid Id { get; init; }

        public string AlertKey { get; init; } = "";

        public string Type { get; init; } = "";

        public Guid? IncidentId { get; init; }

        public string? Source { get; init; }

        public string? ExternalId { get; init; }

        public Guid? CustomerId { get; init; }

        public Guid? AgreementId { get; init; }

        public string? Metric { get; init; }

        public int? Cycle { get; init; }

        public int? Threshold { get; init; }

        public DateTimeOffset OccurredAt { get; init; }

        public DateTimeOffset? DueAt { get; init; }

        public bool Late { get; init; }

        public bool Retroactive { get; init; }

        public int? DaysBefore { get; init; }

        public string? Reason { get; init; }

        public Guid? CoverageCalendarId { get; init; }

        public DateTimeOffset FiredAt { get; init; }

        public static AlertRow From(AlarmRow alarm, IncidentRow incident, DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(now),
            AlertKey = alarm.AlarmKey,
            Type = alarm.Type,
            IncidentId = incident.Id,
            Source = incident.Source,
            ExternalId = incident.ExternalId,
            CustomerId = incident.CustomerId,
            AgreementId = incident.AgreementId,
            Metric = alarm.Metric == AlarmStore.IncidentMetric ? null : alarm.Metric,
            Cycle = alarm.Cycle,
            Threshold = alarm.Threshold,
            OccurredAt = alarm.OccursAt,
            DueAt = alarm.DueAt,
            Late = now - alarm.OccursAt > AlertScheduler.Tolerance,
            Retroactive = alarm.Retroactive,
            Reason = alarm.Type == AlertTypes.Unbound ? incident.UnboundReason : null,
            CoverageCalendarId = alarm.CoverageCalendarId,
            FiredAt = now,
        };

        /// <param name="checkInterval">How often renewals are looked for: the scheduler's tolerance for them.</param>
        public static AlertRow Renewal(Guid agreementId, Guid customerId, string reason, DateTimeOffset at, int days, DateTimeOffset now, TimeSpan checkInterval)
        {
            var occurredAt = at.AddDays(-days);
            return new AlertRow
            {
                Id = Guid.CreateVersion7(now),
                AlertKey = $"agreement/{agreementId:N}/{reason}/{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss}/{days}",
                Type = AlertTypes.RenewalDue,
                CustomerId = customerId,
                AgreementId = agreementId,
                OccurredAt = occurredAt,
                DueAt = at,
                Late = now - occurredAt > checkInterval + AlertScheduler.Tolerance,
                DaysBefore = days,
                Reason = reason,
                FiredAt = now,
            };
        }
    }

    private sealed class InsertedRow
    {
        public long Sequence { get; init; }

        public Guid Id { get; init; }

        public string Type { get; init; } = "";

        public Guid? CustomerId { get; init; }

        public Guid? IncidentId { get; init; }

        public int? DaysBefore { get; init; }
    }

    private sealed record DeliveryRow(Guid Id, Guid WebhookId, long AlertSequence, string Status, DateTimeOffset NextAttemptAt, DateTimeOffset CreatedAt);

    private sealed class SubscriptionRow
    {
        public Guid Id { get; init; }

        public string Types { get; init; } = "[]";

        public Guid? CustomerId { get; init; }

        public bool OnlyDuringCoverage { get; init; }

        public int RenewalDays { get; init; }

        private string[]? _types;

        /// <remarks>A round asks this of every alert it fires: the column is read once.</remarks>
        public bool Wants(string type) => (_types ??= JsonColumn.Read<string[]>(Types)).Contains(type);
    }
}

/// <param name="Claimed">Alarms taken off the plan.</param>
/// <param name="Fired">Alerts that were new.</param>
/// <param name="Deliveries">Deliveries those alerts owe.</param>
public sealed record FiringResult(int Claimed, int Fired, int Deliveries);
