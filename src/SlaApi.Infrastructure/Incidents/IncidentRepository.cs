using NodaTime;
using SlaApi.Domain.Common;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Incidents;
using SlaApi.Domain.Incidents;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Incidents;

public sealed class IncidentRepository(SessionQueries db, PreparedCommands prepared) : IIncidentRepository
{
    private readonly ClockOutcomeStore _outcomes = new(db, prepared);
    private readonly string _insertIfAbsentSql = db.Dialect.InsertIfAbsentSql("incidents", IncidentColumns, IncidentValues, "source, external_id");

    internal const string IncidentColumns = """
        id, source, external_id, customer_id, title, opened_priority, service_code, opened_status, opened_at,
        agreement_id, agreement_version, policy_id, policy_version, calendar_versions, unbound_reason,
        priority, status, is_open, excluded, exclusion_reason, event_count, first_resolved_at, final_resolved_at,
        first_resolution_seconds, final_resolution_seconds, created_at
        """;

    internal const string IncidentValues = """
        @Id, @Source, @ExternalId, @CustomerId, @Title, @OpenedPriority, @ServiceCode, @OpenedStatus, @OpenedAt,
        @AgreementId, @AgreementVersion, @PolicyId, @PolicyVersion, @CalendarVersions, @UnboundReason,
        @Priority, @Status, @IsOpen, @Excluded, @ExclusionReason, @EventCount, @FirstResolvedAt, @FinalResolvedAt,
        @FirstResolutionSeconds, @FinalResolutionSeconds, @CreatedAt
        """;

    private const string SummaryColumns = "i.id, i.source, i.external_id, i.customer_id, i.title, i.priority, i.status, i.opened_at, i.excluded, i.final_resolved_at";

    private const string GetSql = $"SELECT {IncidentColumns} FROM incidents WHERE id = @Id";

    private const string ByRefSql = "SELECT id FROM incidents WHERE source = @Source AND external_id = @ExternalId";

    private const string EventsSql = """
        SELECT event_id, sequence, type, occurred_at, status, priority, reason
        FROM incident_events WHERE incident_id = @Id ORDER BY sequence
        """;

    private const string InsertEventSql = """
        INSERT INTO incident_events (incident_id, event_id, sequence, type, occurred_at, status, priority, reason, received_at)
        VALUES (@IncidentId, @EventId, @Sequence, @Type, @OccurredAt, @Status, @Priority, @Reason, @ReceivedAt)
        """;

    private const string UpdateStateSql = """
        UPDATE incidents SET priority = @Priority, status = @Status, is_open = @IsOpen, excluded = @Excluded,
            exclusion_reason = @ExclusionReason, event_count = @EventCount, first_resolved_at = @FirstResolvedAt, final_resolved_at = @FinalResolvedAt,
            first_resolution_seconds = @FirstResolutionSeconds, final_resolution_seconds = @FinalResolutionSeconds
        WHERE id = @Id
        """;

    private const string DeleteClocksSql = "DELETE FROM incident_clocks WHERE incident_id = @Id";

    private const string DeleteClockSql = "DELETE FROM incident_clocks WHERE incident_id = @IncidentId AND metric = @Metric";

    private const string UpdateClockSql = """
        UPDATE incident_clocks SET cycle = @Cycle, state = @State, calendar_id = @CalendarId, started_at = @StartedAt,
            stopped_at = @StoppedAt, target_seconds = @TargetSeconds, elapsed_seconds = @ElapsedSeconds,
            remaining_seconds = @RemainingSeconds, due_at = @DueAt, warning_at = @WarningAt, breached_at = @BreachedAt,
            settled_at = @SettledAt, retroactive = @Retroactive, evaluated_at = @EvaluatedAt
        WHERE incident_id = @IncidentId AND metric = @Metric
        """;

    private const string InsertClockSql = """
        INSERT INTO incident_clocks (incident_id, metric, cycle, state, calendar_id, started_at, stopped_at, target_seconds,
            elapsed_seconds, remaining_seconds, due_at, warning_at, breached_at, settled_at, retroactive, evaluated_at)
        VALUES (@IncidentId, @Metric, @Cycle, @State, @CalendarId, @StartedAt, @StoppedAt, @TargetSeconds,
            @ElapsedSeconds, @RemainingSeconds, @DueAt, @WarningAt, @BreachedAt, @SettledAt, @Retroactive, @EvaluatedAt)
        """;

    private const string ClocksOfSql = """
        SELECT incident_id, metric, state, started_at, stopped_at, target_seconds, remaining_seconds, due_at, warning_at, breached_at, retroactive
        FROM incident_clocks WHERE incident_id IN @Ids
        """;

    private const string SummariesOfSql = $"SELECT {SummaryColumns} FROM incidents i WHERE i.id IN @Ids";

    private const string QueueOpenClocks = """
        SELECT q.incident_id, q.metric
        FROM (
            SELECT c.incident_id, c.metric, c.due_at, c.remaining_seconds,
                ROW_NUMBER() OVER (
                    PARTITION BY c.incident_id
                    ORDER BY CASE WHEN c.due_at IS NULL THEN 1 ELSE 0 END, c.due_at, c.remaining_seconds) AS urgency
            FROM incident_clocks c
            JOIN incidents i ON i.id = c.incident_id
            WHERE i.is_open = @Open AND c.stopped_at IS NULL
        """;

    private const string QueueMostUrgentFirst = $"""
        ) q
        WHERE q.urgency = 1
        ORDER BY CASE WHEN q.due_at IS NULL THEN 1 ELSE 0 END, q.due_at, q.remaining_seconds, q.incident_id
        {ISqlDialect.PagingMarker}
        """;

    private const string QueueSql = QueueOpenClocks + "\n" + QueueMostUrgentFirst;

    private const string QueueForCustomerSql = QueueOpenClocks + " AND i.customer_id = @CustomerId\n" + QueueMostUrgentFirst;

    private const string BreachedClock =
        "(c.state = 'breached' OR (c.state = 'running' AND c.due_at < @Now))";

    public async Task<Incident?> GetAsync(Guid id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<IncidentRow>(GetSql, new { Id = id }, ct);
        if (row is null)
            return null;
        var events = await db.QueryAsync<EventRow>(EventsSql, new { Id = id }, ct);
        return row.ToDomain(events.Select(e => e.ToDomain()));
    }

    public async Task<Incident?> FindByRefAsync(string source, string externalId, CancellationToken ct) =>
        await FindIdByRefAsync(source, externalId, ct) is { } found ? await GetAsync(found, ct) : null;

    public Task<Guid?> FindIdByRefAsync(string source, string externalId, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<Guid?>(ByRefSql, new { Source = source, ExternalId = externalId }, ct);

    public Task<int?> LockAsync(Guid id, CancellationToken ct) =>
        prepared.ScalarAsync<int?, IdRow>(db.Dialect.LockRowSql("incidents", "event_count"), new IdRow(id), ct);

    public async Task<bool> AddAsync(Incident incident, SlaEvaluation evaluation, Instant evaluatedAt, CancellationToken ct)
    {
        var added = await InsertAsync(incident, evaluation, evaluatedAt, ct);
        await _outcomes.FlushAsync(ct);
        return added;
    }

    public async Task<int> AddManyAsync(IReadOnlyList<(Incident Incident, SlaEvaluation Evaluation)> incidents, Instant evaluatedAt, CancellationToken ct)
    {
        var added = 0;
        foreach (var (incident, evaluation) in incidents)
            added += await InsertAsync(incident, evaluation, evaluatedAt, ct) ? 1 : 0;
        await _outcomes.FlushAsync(ct);
        return added;
    }

    private async Task<bool> InsertAsync(Incident incident, SlaEvaluation evaluation, Instant evaluatedAt, CancellationToken ct)
    {
        if (await prepared.ExecuteAsync(_insertIfAbsentSql, IncidentRow.From(incident, evaluation, evaluatedAt), ct) == 0)
            return false;
        foreach (var e in incident.Events)
            await prepared.ExecuteAsync(InsertEventSql, EventRow.From(incident.Id, e, evaluatedAt), ct);
        await InsertClocksAsync(incident.Id, evaluation, evaluatedAt, ct);
        await _outcomes.AddAsync(incident, StoredState.Of(evaluation), ct);
        return true;
    }

    public async Task AppendEventsAsync(IReadOnlyList<IncidentChange> changes, CancellationToken ct)
    {
        foreach (var change in changes)
        {
            foreach (var e in change.Recorded)
                await prepared.ExecuteAsync(InsertEventSql, EventRow.From(change.Incident.Id, e, change.EvaluatedAt), ct);
            await prepared.ExecuteAsync(UpdateStateSql, IncidentRow.From(change.Incident, change.Evaluation, change.EvaluatedAt), ct);
            if (change.Stored is null)
            {
                await db.ExecuteAsync(DeleteClocksSql, new { change.Incident.Id }, ct);
                await InsertClocksAsync(change.Incident.Id, change.Evaluation, change.EvaluatedAt, ct);
            }
            else
            {
                await WriteChangedClocksAsync(change, change.Stored.Clocks, ct);
            }
            await _outcomes.ReplaceAsync(change.Incident, change.State, change.Stored, ct);
        }
        await _outcomes.FlushAsync(ct);
    }

    /// <summary>
    /// Writes only the clocks whose stored meaning changed. Elapsed and remaining time of a running clock follow
    /// from its due instant, so a clock that still has the same instants is left as stored.
    /// </summary>
    private async Task WriteChangedClocksAsync(IncidentChange change, IReadOnlyList<SlaClock> stored, CancellationToken ct)
    {
        var before = stored.ToDictionary(c => c.Metric);
        foreach (var clock in change.Evaluation.Clocks)
        {
            var row = ClockRow.From(change.Incident.Id, clock, change.EvaluatedAt);
            if (!before.Remove(clock.Metric, out var previous))
                await prepared.ExecuteAsync(InsertClockSql, row, ct);
            else if (!SameMeaning(previous, clock))
                await prepared.ExecuteAsync(UpdateClockSql, row, ct);
        }
        foreach (var removed in before.Keys)
            await db.ExecuteAsync(DeleteClockSql, new { IncidentId = change.Incident.Id, Metric = Names.Of(removed) }, ct);
    }

    private static bool SameMeaning(SlaClock a, SlaClock b) =>
        a.Cycle == b.Cycle && a.State == b.State && a.CalendarId == b.CalendarId && a.StartedAt == b.StartedAt &&
        a.StoppedAt == b.StoppedAt && a.Target == b.Target && a.DueAt == b.DueAt && a.WarningAt == b.WarningAt &&
        a.BreachedAt == b.BreachedAt && a.SettledAt == b.SettledAt && a.Retroactive == b.Retroactive &&
        (a.State == ClockState.Running || a.Remaining.WholeSeconds() == b.Remaining.WholeSeconds());

    private async Task InsertClocksAsync(Guid incidentId, SlaEvaluation evaluation, Instant evaluatedAt, CancellationToken ct)
    {
        foreach (var clock in evaluation.Clocks)
            await prepared.ExecuteAsync(InsertClockSql, ClockRow.From(incidentId, clock, evaluatedAt), ct);
    }

    public async Task<Page<IncidentSummary>> ListAsync(IncidentFilter filter, PageRequest page, Instant now, CancellationToken ct)
    {
        var parameters = new
        {
            filter.CustomerId,
            filter.Priority,
            OpenedFrom = filter.OpenedFrom?.ToDateTimeOffset(),
            OpenedTo = filter.OpenedTo?.ToDateTimeOffset(),
            Now = now.ToDateTimeOffset(),
        };
        var where = WhereClause(filter);
        var rows = await db.PageAsync<SummaryRow>(
            $"SELECT COUNT(*) FROM incidents i {where}",
            $"SELECT {SummaryColumns} FROM incidents i {where} ORDER BY i.opened_at DESC, i.id DESC {ISqlDialect.PagingMarker}",
            page, ct, parameters);
        var summaries = await WithClocksAsync(rows.Items, ct);
        return new Page<IncidentSummary>(summaries, rows.PageNumber, rows.PageSize, rows.TotalItems);
    }

    public async Task<IReadOnlyList<IncidentSummary>> QueueAsync(Guid? customerId, int limit, CancellationToken ct)
    {
        var sql = customerId is null ? QueueSql : QueueForCustomerSql;
        var queue = await db.QueryAsync<QueueRow>(sql, new { Open = true, CustomerId = customerId ?? Guid.Empty, Skip = 0, Take = limit }, ct);
        if (queue.Count == 0)
            return [];
        var rows = await db.QueryAsync<SummaryRow>(SummariesOfSql, new { Ids = queue.Select(q => q.IncidentId).ToArray() }, ct);
        var summaries = (await WithClocksAsync(rows, ct)).ToDictionary(s => s.Id);
        return queue.Select(q =>
        {
            var summary = summaries[q.IncidentId];
            var first = summary.Clocks.Single(c => Names.Of(c.Metric) == q.Metric);
            return summary with { Clocks = summary.Clocks.Where(c => c != first).Prepend(first).ToArray() };
        }).ToArray();
    }

    /// <summary>The WHERE clause of a list, from fixed fragments: values always travel as parameters.</summary>
    internal static string WhereClause(IncidentFilter filter)
    {
        var conditions = new List<string>();
        if (filter.CustomerId is not null)
            conditions.Add("i.customer_id = @CustomerId");
        if (filter.Priority is not null)
            conditions.Add("i.priority = @Priority");
        if (filter.OpenedFrom is not null)
            conditions.Add("i.opened_at >= @OpenedFrom");
        if (filter.OpenedTo is not null)
            conditions.Add("i.opened_at < @OpenedTo");
        if (filter.State is { } state)
            conditions.Add(ClockExists(state switch
            {
                ClockState.Running => "c.state = 'running' AND c.due_at >= @Now",
                ClockState.Breached => BreachedClock,
                ClockState.Paused => "c.state = 'paused'",
                _ => "c.state = 'met'",
            }));
        if (filter.Breached is { } breached)
            conditions.Add((breached ? "" : "NOT ") + ClockExists(BreachedClock));
        if (filter.AtRisk is { } atRisk)
            conditions.Add((atRisk ? "" : "NOT ") + ClockExists("c.warning_at <= @Now AND ((c.state = 'running' AND c.due_at >= @Now) OR c.state = 'paused')"));
        return conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);

        static string ClockExists(string condition) => $"EXISTS (SELECT 1 FROM incident_clocks c WHERE c.incident_id = i.id AND {condition})";
    }

    private async Task<IReadOnlyList<IncidentSummary>> WithClocksAsync(IReadOnlyList<SummaryRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return [];
        var clocks = (await db.QueryAsync<StoredClockRow>(ClocksOfSql, new { Ids = rows.Select(r => r.Id).ToArray() }, ct))
            .ToLookup(c => c.IncidentId, c => c.ToStoredClock());
        return rows.Select(r => r.ToSummary(clocks[r.Id].OrderBy(c => c.Metric).ToArray())).ToArray();
    }

    private static DateTimeOffset? Utc(Instant? instant) => instant?.ToDateTimeOffset();

    private static Instant? FromUtc(DateTimeOffset? value) => value is { } v ? Instant.FromDateTimeOffset(v) : null;

    private sealed record IdRow(Guid Id);

    private sealed class IncidentRow
    {
        public Guid Id { get; init; }

        public string Source { get; init; } = "";

        public string ExternalId { get; init; } = "";

        public Guid CustomerId { get; init; }

        public string Title { get; init; } = "";

        public int OpenedPriority { get; init; }

        public string? ServiceCode { get; init; }

        public string? OpenedStatus { get; init; }

        public DateTimeOffset OpenedAt { get; init; }

        public Guid? AgreementId { get; init; }

        public int? AgreementVersion { get; init; }

        public Guid? PolicyId { get; init; }

        public int? PolicyVersion { get; init; }

        public string? CalendarVersions { get; init; }

        public string? UnboundReason { get; init; }

        public int Priority { get; init; }

        public string? Status { get; init; }

        public bool IsOpen { get; init; }

        public bool Excluded { get; init; }

        public string? ExclusionReason { get; init; }

        public int EventCount { get; init; }

        public DateTimeOffset? FirstResolvedAt { get; init; }

        public DateTimeOffset? FinalResolvedAt { get; init; }

        public long? FirstResolutionSeconds { get; init; }

        public long? FinalResolutionSeconds { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public static IncidentRow From(Incident incident, SlaEvaluation evaluation, Instant evaluatedAt) => new()
        {
            Id = incident.Id,
            Source = incident.Source,
            ExternalId = incident.ExternalId,
            CustomerId = incident.CustomerId,
            Title = incident.Title,
            OpenedPriority = incident.Priority,
            ServiceCode = incident.ServiceCode,
            OpenedStatus = incident.Status,
            OpenedAt = incident.OpenedAt.ToDateTimeOffset(),
            AgreementId = incident.Binding?.AgreementId,
            AgreementVersion = incident.Binding?.AgreementVersion,
            PolicyId = incident.Binding?.PolicyId,
            PolicyVersion = incident.Binding?.PolicyVersion,
            CalendarVersions = incident.Binding is { } b ? JsonColumn.Write(b.CalendarVersions) : null,
            UnboundReason = incident.UnboundReason,
            Priority = evaluation.Priority,
            Status = evaluation.Status,
            IsOpen = evaluation.FinalResolvedAt is null,
            Excluded = evaluation.Excluded,
            ExclusionReason = evaluation.ExclusionReason,
            EventCount = incident.Events.Count,
            FirstResolvedAt = Utc(evaluation.FirstResolvedAt),
            FinalResolvedAt = Utc(evaluation.FinalResolvedAt),
            FirstResolutionSeconds = evaluation.FirstResolutionTime?.WholeSeconds(),
            FinalResolutionSeconds = evaluation.FinalResolutionTime?.WholeSeconds(),
            CreatedAt = evaluatedAt.ToDateTimeOffset(),
        };

        public Incident ToDomain(IEnumerable<IncidentEvent> events)
        {
            var binding = AgreementId is { } agreementId
                ? new IncidentBinding(agreementId, AgreementVersion!.Value, PolicyId!.Value, PolicyVersion!.Value,
                    JsonColumn.Read<Dictionary<Guid, int>>(CalendarVersions!))
                : null;
            return Incident.Rehydrate(Id, Source, ExternalId, CustomerId, Title, OpenedPriority, ServiceCode, OpenedStatus,
                Instant.FromDateTimeOffset(OpenedAt), binding, UnboundReason, events);
        }
    }

    private sealed class EventRow
    {
        public Guid IncidentId { get; init; }

        public string EventId { get; init; } = "";

        public long Sequence { get; init; }

        public string Type { get; init; } = "";

        public DateTimeOffset OccurredAt { get; init; }

        public string? Status { get; init; }

        public int? Priority { get; init; }

        public string? Reason { get; init; }

        public DateTimeOffset ReceivedAt { get; init; }

        public static EventRow From(Guid incidentId, IncidentEvent e, Instant receivedAt) => new()
        {
            IncidentId = incidentId,
            EventId = e.EventId,
            Sequence = e.Sequence,
            Type = Names.Of(e.Type),
            OccurredAt = e.OccurredAt.ToDateTimeOffset(),
            Status = e.Status,
            Priority = e.Priority,
            Reason = e.Reason,
            ReceivedAt = receivedAt.ToDateTimeOffset(),
        };

        public IncidentEvent ToDomain() =>
            new(EventId, Names.EventTypes[Type], Instant.FromDateTimeOffset(OccurredAt), Sequence, Status, Priority, Reason);
    }

    private sealed class ClockRow
    {
        public Guid IncidentId { get; init; }

        public string Metric { get; init; } = "";

        public int Cycle { get; init; }

        public string State { get; init; } = "";

        public Guid CalendarId { get; init; }

        public DateTimeOffset StartedAt { get; init; }

        public DateTimeOffset? StoppedAt { get; init; }

        public long TargetSeconds { get; init; }

        public long ElapsedSeconds { get; init; }

        public long RemainingSeconds { get; init; }

        public DateTimeOffset? DueAt { get; init; }

        public DateTimeOffset? WarningAt { get; init; }

        public DateTimeOffset? BreachedAt { get; init; }

        public DateTimeOffset? SettledAt { get; init; }

        public bool Retroactive { get; init; }

        public DateTimeOffset EvaluatedAt { get; init; }

        public static ClockRow From(Guid incidentId, SlaClock clock, Instant evaluatedAt) => new()
        {
            IncidentId = incidentId,
            Metric = Names.Of(clock.Metric),
            Cycle = clock.Cycle,
            State = Names.Of(clock.State),
            CalendarId = clock.CalendarId,
            StartedAt = clock.StartedAt.ToDateTimeOffset(),
            StoppedAt = Utc(clock.StoppedAt),
            TargetSeconds = clock.Target.WholeSeconds(),
            ElapsedSeconds = clock.Elapsed.WholeSeconds(),
            RemainingSeconds = clock.Remaining.WholeSeconds(),
            DueAt = Utc(clock.DueAt),
            WarningAt = Utc(clock.WarningAt),
            BreachedAt = Utc(clock.BreachedAt),
            SettledAt = Utc(clock.SettledAt),
            Retroactive = clock.Retroactive,
            EvaluatedAt = evaluatedAt.ToDateTimeOffset(),
        };
    }

    private sealed class StoredClockRow
    {
        public Guid IncidentId { get; init; }

        public string Metric { get; init; } = "";

        public string State { get; init; } = "";

        public DateTimeOffset StartedAt { get; init; }

        public DateTimeOffset? StoppedAt { get; init; }

        public long TargetSeconds { get; init; }

        public long RemainingSeconds { get; init; }

        public DateTimeOffset? DueAt { get; init; }

        public DateTimeOffset? WarningAt { get; init; }

        public DateTimeOffset? BreachedAt { get; init; }

        public bool Retroactive { get; init; }

        public StoredClock ToStoredClock() => new(
            Names.Metrics[Metric], Names.States[State], Instant.FromDateTimeOffset(StartedAt), FromUtc(StoppedAt), TargetSeconds,
            RemainingSeconds, FromUtc(DueAt), FromUtc(WarningAt), FromUtc(BreachedAt), Retroactive);
    }

    private sealed class SummaryRow
    {
        public Guid Id { get; init; }

        public string Source { get; init; } = "";

        public string ExternalId { get; init; } = "";

        public Guid CustomerId { get; init; }

        public string Title { get; init; } = "";

        public int Priority { get; init; }

        public string? Status { get; init; }

        public DateTimeOffset OpenedAt { get; init; }

        public bool Excluded { get; init; }

        public DateTimeOffset? FinalResolvedAt { get; init; }

        public IncidentSummary ToSummary(IReadOnlyList<StoredClock> clocks) => new(
            Id, Source, ExternalId, CustomerId, Title, Priority, Status, Instant.FromDateTimeOffset(OpenedAt), Excluded, FromUtc(FinalResolvedAt), clocks);
    }

    private sealed class QueueRow
    {
        public Guid IncidentId { get; init; }

        public string Metric { get; init; } = "";
    }
}
