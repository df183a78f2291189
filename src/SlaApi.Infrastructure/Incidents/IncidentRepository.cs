using NodaTime;
using SlaApi.Application.Incidents;
using SlaApi.Domain.Alerts;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Incidents;

/// <summary>Incidents and their events; what their replays give is kept by the <see cref="ClockProjection"/> in the same transaction.</summary>
public sealed class IncidentRepository(SessionQueries db, PreparedCommands prepared, ClockProjection clocks) : IIncidentRepository
{
    /// <summary>An incident's natural key: the ref is unique within its customer (ADR-006).</summary>
    public const string NaturalKey = "source, external_id, customer_id";

    private readonly string _lockSql = db.Dialect.LockRowSql("incidents", "event_count, state_revision");

    private readonly string _insertIfAbsentSql = db.Dialect.InsertIfAbsentSql("incidents", IncidentColumns, IncidentValues, NaturalKey);

    internal const string IncidentColumns = """
        id, source, external_id, customer_id, title, opened_priority, service_code, opened_status, opened_at,
        agreement_id, agreement_version, policy_id, policy_version, calendar_versions, response_tier, unbound_reason,
        priority, status, is_open, excluded, exclusion_reason, event_count, first_resolved_at, final_resolved_at,
        first_resolution_seconds, final_resolution_seconds, created_at
        """;

    internal const string IncidentValues = """
        @Id, @Source, @ExternalId, @CustomerId, @Title, @OpenedPriority, @ServiceCode, @OpenedStatus, @OpenedAt,
        @AgreementId, @AgreementVersion, @PolicyId, @PolicyVersion, @CalendarVersions, @ResponseTier, @UnboundReason,
        @Priority, @Status, @IsOpen, @Excluded, @ExclusionReason, @EventCount, @FirstResolvedAt, @FinalResolvedAt,
        @FirstResolutionSeconds, @FinalResolutionSeconds, @CreatedAt
        """;

    private const string GetSql = $"SELECT {IncidentColumns} FROM incidents WHERE id = @Id";

    private const string ByRefSql = """
        SELECT id FROM incidents
        WHERE source = @Source AND external_id = @ExternalId AND (@CustomerId IS NULL OR customer_id = @CustomerId)
        """;

    private const string EventsSql = """
        SELECT event_id, sequence, type, occurred_at, status, priority, reason, team_id
        FROM incident_events WHERE incident_id = @Id ORDER BY sequence
        """;

    private const string InsertEventSql = """
        INSERT INTO incident_events (incident_id, event_id, sequence, type, occurred_at, status, priority, reason, team_id, received_at)
        VALUES (@IncidentId, @EventId, @Sequence, @Type, @OccurredAt, @Status, @Priority, @Reason, @TeamId, @ReceivedAt)
        """;

    private const string RebindSql = """
        UPDATE incidents SET agreement_id = @AgreementId, agreement_version = @AgreementVersion, policy_id = @PolicyId, policy_version = @PolicyVersion,
            calendar_versions = @CalendarVersions, response_tier = @ResponseTier, state_revision = state_revision + 1
        WHERE id = @Id
        """;

    private const string NewStateRevisionSql = "UPDATE incidents SET state_revision = state_revision + 1 WHERE id = @Id";

    private const string IdsAfterSql = $"SELECT id FROM incidents WHERE @After IS NULL OR id > @After ORDER BY id {ISqlDialect.PagingMarker}";

    private const string UpdateStateSql = """
        UPDATE incidents SET priority = @Priority, status = @Status, is_open = @IsOpen, excluded = @Excluded,
            exclusion_reason = @ExclusionReason, event_count = @EventCount, first_resolved_at = @FirstResolvedAt, final_resolved_at = @FinalResolvedAt,
            first_resolution_seconds = @FirstResolutionSeconds, final_resolution_seconds = @FinalResolutionSeconds
        WHERE id = @Id
        """;

    public async Task<Incident?> GetAsync(Guid id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<IncidentRow>(GetSql, new { Id = id }, ct);
        if (row is null)
            return null;
        var events = await db.QueryAsync<EventRow>(EventsSql, new { Id = id }, ct);
        return row.ToDomain(events.Select(e => e.ToDomain()));
    }

    public async Task<Incident?> FindByRefAsync(Guid customerId, string source, string externalId, CancellationToken ct) =>
        await FindIdsByRefAsync(source, externalId, customerId, ct) is [var found] ? await GetAsync(found, ct) : null;

    public Task<IReadOnlyList<Guid>> FindIdsByRefAsync(string source, string externalId, Guid? customerId, CancellationToken ct) =>
        db.QueryAsync<Guid>(ByRefSql, new { Source = source, ExternalId = externalId, CustomerId = customerId }, ct);

    public Task<IncidentStamp?> LockAsync(Guid id, CancellationToken ct) =>
        prepared.FirstAsync(_lockSql, new IdRow(id), r => new IncidentStamp(r.GetInt32(0), r.GetInt32(1)), ct);

    public async Task<bool> AddAsync(Incident incident, SlaEvaluation evaluation, BoundSla? sla, Instant evaluatedAt, CancellationToken ct)
    {
        IReadOnlyList<PlannedAlarm> alarms = incident.Binding is null ? [AlarmPlanner.Unbound(incident.Id, incident.OpenedAt)]
            : sla is null ? [] : AlarmPlanner.Plan(incident.Id, sla, evaluation);
        var added = await InsertAsync(incident, evaluation, evaluatedAt, alarms, ct);
        await clocks.FlushAsync(ct);
        return added;
    }

    public async Task<int> AddManyAsync(IReadOnlyList<(Incident Incident, SlaEvaluation Evaluation)> incidents, Instant evaluatedAt, CancellationToken ct)
    {
        var added = 0;
        foreach (var (incident, evaluation) in incidents)
            added += await InsertAsync(incident, evaluation, evaluatedAt, [], ct) ? 1 : 0;
        await clocks.FlushAsync(ct);
        return added;
    }

    private async Task<bool> InsertAsync(Incident incident, SlaEvaluation evaluation, Instant evaluatedAt, IReadOnlyList<PlannedAlarm> alarms, CancellationToken ct)
    {
        if (await prepared.ExecuteAsync(_insertIfAbsentSql, IncidentRow.From(incident, evaluation, evaluatedAt), ct) == 0)
            return false;
        foreach (var e in incident.Events)
            await prepared.ExecuteAsync(InsertEventSql, EventRow.From(incident.Id, e, evaluatedAt), ct);
        await clocks.AddAsync(incident, evaluation, evaluatedAt, alarms, ct);
        return true;
    }

    public async Task RebindAsync(Incident rebound, SlaEvaluation evaluation, BoundSla sla, Instant evaluatedAt, CancellationToken ct)
    {
        var row = IncidentRow.From(rebound, evaluation, evaluatedAt);
        await prepared.ExecuteAsync(RebindSql, row, ct);
        await prepared.ExecuteAsync(UpdateStateSql, row, ct);
        await clocks.RebindAsync(rebound, evaluation, evaluatedAt, AlarmPlanner.Plan(rebound.Id, sla, evaluation), ct);
        await clocks.FlushAsync(ct);
    }

    public async Task<IReadOnlyList<ClockOutcome>> ReplaceReplayAsync(
        Incident incident, SlaEvaluation evaluation, BoundSla sla, Instant evaluatedAt, CancellationToken ct)
    {
        var row = IncidentRow.From(incident, evaluation, evaluatedAt);
        await prepared.ExecuteAsync(UpdateStateSql, row, ct);
        await prepared.ExecuteAsync(NewStateRevisionSql, row, ct);
        var upcoming = AlarmPlanner.Plan(incident.Id, sla, evaluation).Where(a => a.OccursAt >= evaluatedAt);
        var stored = await clocks.RebindAsync(incident, evaluation, evaluatedAt, upcoming, ct);
        await clocks.FlushAsync(ct);
        return stored;
    }

    public Task<IReadOnlyList<Guid>> IdsAfterAsync(Guid? after, int take, CancellationToken ct) =>
        db.QueryAsync<Guid>(IdsAfterSql, new { After = after, Skip = 0, Take = take }, ct);

    public async Task AppendEventsAsync(IReadOnlyList<IncidentChange> changes, CancellationToken ct)
    {
        foreach (var change in changes)
        {
            foreach (var e in change.Recorded)
                await prepared.ExecuteAsync(InsertEventSql, EventRow.From(change.Incident.Id, e, change.EvaluatedAt), ct);
            await prepared.ExecuteAsync(UpdateStateSql, IncidentRow.From(change.Incident, change.Evaluation, change.EvaluatedAt), ct);
            await clocks.ReplaceAsync(change, ct);
        }
        await clocks.FlushAsync(ct);
    }

    private static DateTimeOffset? Utc(Instant? instant) => instant?.ToDateTimeOffset();

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

        public string? ResponseTier { get; init; }

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
            ResponseTier = incident.Binding?.ResponseTier,
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

        public Incident ToDomain(IEnumerable<IncidentEvent> events) =>
            Incident.Rehydrate(Id, Source, ExternalId, CustomerId, Title, OpenedPriority, ServiceCode, OpenedStatus,
                Instant.FromDateTimeOffset(OpenedAt), BindingOf(AgreementId, AgreementVersion, PolicyId, PolicyVersion, CalendarVersions, ResponseTier),
                UnboundReason, events);
    }

    /// <summary>The binding kept in an incident's row; null for an incident no agreement bound.</summary>
    internal static IncidentBinding? BindingOf(
        Guid? agreementId, int? agreementVersion, Guid? policyId, int? policyVersion, string? calendarVersions, string? responseTier) =>
        agreementId is { } agreement
            ? new IncidentBinding(agreement, agreementVersion!.Value, policyId!.Value, policyVersion!.Value,
                JsonColumn.Read<Dictionary<Guid, int>>(calendarVersions!), responseTier)
            : null;

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

        public Guid? TeamId { get; init; }

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
            TeamId = e.TeamId,
            ReceivedAt = receivedAt.ToDateTimeOffset(),
        };

        public IncidentEvent ToDomain() =>
            new(EventId, Names.EventTypes[Type], Instant.FromDateTimeOffset(OccurredAt), Sequence, Status, Priority, Reason, TeamId);
    }


}
