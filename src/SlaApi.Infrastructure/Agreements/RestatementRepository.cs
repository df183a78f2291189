using NodaTime;
using SlaApi.Application.Agreements.Restatements;
using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Incidents;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Agreements;

public sealed class RestatementRepository(SessionQueries db) : IRestatementRepository
{
    private const string Columns = """
        id, agreement_id, number, agreement_version, period_from, period_to, reason, restated_at, restated_by, reverted_at, reverted_by,
        incidents, outcomes_changed, breaches_before, breaches_after
        """;

    private const string IncidentIdsSql = $"""
        SELECT id FROM incidents WHERE agreement_id = @AgreementId AND opened_at >= @From AND opened_at < @To
        ORDER BY opened_at, id
        {ISqlDialect.PagingMarker}
        """;

    private const string InsertSql = $"""
        INSERT INTO restatements ({Columns})
        VALUES (@Id, @AgreementId, @Number, @AgreementVersion, @PeriodFrom, @PeriodTo, @Reason, @RestatedAt, @RestatedBy, @RevertedAt, @RevertedBy,
            @Incidents, @OutcomesChanged, @BreachesBefore, @BreachesAfter)
        """;

    private const string InsertIncidentSql = """
        INSERT INTO restated_incidents (restatement_id, incident_id, binding_before, binding_after, breached_before, breached_after)
        VALUES (@RestatementId, @IncidentId, @BindingBefore, @BindingAfter, @BreachedBefore, @BreachedAfter)
        """;

    private const string GetSql = $"SELECT {Columns} FROM restatements WHERE id = @Id";

    private const string ListSql = $"SELECT {Columns} FROM restatements WHERE agreement_id = @AgreementId ORDER BY number DESC";

    private const string ActiveSql = $"SELECT {Columns} FROM restatements WHERE agreement_id IN @Ids AND reverted_at IS NULL ORDER BY agreement_id, number";

    private const string IncidentColumns = "incident_id, binding_before, binding_after, breached_before, breached_after";

    private const string IncidentsSql = $"SELECT {IncidentColumns} FROM restated_incidents WHERE restatement_id = @Id ORDER BY incident_id";

    private const string CountIncidentsSql = "SELECT COUNT(*) FROM restated_incidents WHERE restatement_id = @Id";

    private const string IncidentPageSql = $"""
        SELECT {IncidentColumns} FROM restated_incidents WHERE restatement_id = @Id ORDER BY incident_id
        {ISqlDialect.PagingMarker}
        """;

    private const string RevertSql = """
        UPDATE restatements SET reverted_at = @RevertedAt, reverted_by = @RevertedBy WHERE id = @Id AND reverted_at IS NULL
        """;

    public async Task<IReadOnlyList<Guid>> IncidentIdsAsync(Guid agreementId, Instant from, Instant to, int limit, CancellationToken ct) =>
        await db.QueryAsync<Guid>(IncidentIdsSql, new { AgreementId = agreementId, From = from.ToDateTimeOffset(), To = to.ToDateTimeOffset(), Skip = 0, Take = limit }, ct);

    public async Task AddAsync(Restatement restatement, IReadOnlyList<RestatedIncident> incidents, CancellationToken ct)
    {
        await db.ExecuteAsync(InsertSql, RestatementRow.From(restatement), ct);
        foreach (var incident in incidents)
        {
            await db.ExecuteAsync(InsertIncidentSql, new
            {
                RestatementId = restatement.Id,
                incident.IncidentId,
                BindingBefore = JsonColumn.Write(incident.Before),
                BindingAfter = JsonColumn.Write(incident.After),
                BreachedBefore = JsonColumn.Write(incident.BreachedBefore),
                BreachedAfter = JsonColumn.Write(incident.BreachedAfter),
            }, ct);
        }
    }

    public async Task<Restatement?> GetAsync(Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<RestatementRow>(GetSql, new { Id = id }, ct))?.ToDomain();

    public async Task<IReadOnlyList<Restatement>> ListAsync(Guid agreementId, CancellationToken ct) =>
        (await db.QueryAsync<RestatementRow>(ListSql, new { AgreementId = agreementId }, ct)).Select(r => r.ToDomain()).ToArray();

    public async Task<IReadOnlyList<Restatement>> ActiveAsync(IReadOnlyCollection<Guid> agreementIds, CancellationToken ct) =>
        agreementIds.Count == 0 ? [] : (await db.QueryAsync<RestatementRow>(ActiveSql, new { Ids = agreementIds.ToArray() }, ct)).Select(r => r.ToDomain()).ToArray();

    public async Task<IReadOnlyList<RestatedIncident>> IncidentsAsync(Guid restatementId, CancellationToken ct) =>
        (await db.QueryAsync<IncidentRow>(IncidentsSql, new { Id = restatementId }, ct)).Select(r => r.ToDomain()).ToArray();

    public async Task<Page<RestatedIncident>> IncidentPageAsync(Guid restatementId, PageRequest page, CancellationToken ct) =>
        (await db.PageAsync<IncidentRow>(CountIncidentsSql, IncidentPageSql, page, ct, new { Id = restatementId })).Map(r => r.ToDomain());

    public async Task<bool> RecordRevertAsync(Restatement reverted, CancellationToken ct) =>
        await db.ExecuteAsync(RevertSql, new { reverted.Id, RevertedAt = reverted.RevertedAt!.Value.ToDateTimeOffset(), reverted.RevertedBy }, ct) == 1;

    private sealed class IncidentRow
    {
        public Guid IncidentId { get; init; }

        public string BindingBefore { get; init; } = "";

        public string BindingAfter { get; init; } = "";

        public string BreachedBefore { get; init; } = "";

        public string BreachedAfter { get; init; } = "";

        public RestatedIncident ToDomain() => new(IncidentId, Binding(BindingBefore), Binding(BindingAfter),
            JsonColumn.Read<string[]>(BreachedBefore), JsonColumn.Read<string[]>(BreachedAfter));

        private static IncidentBinding Binding(string json)
        {
            var stored = JsonColumn.Read<StoredBinding>(json);
            return new IncidentBinding(stored.AgreementId, stored.AgreementVersion, stored.PolicyId, stored.PolicyVersion, stored.CalendarVersions, stored.ResponseTier);
        }

        private sealed record StoredBinding(Guid AgreementId, int AgreementVersion, Guid PolicyId, int PolicyVersion, Dictionary<Guid, int> CalendarVersions, string? ResponseTier);
    }

    private sealed class RestatementRow
    {
        public Guid Id { get; init; }

        public Guid AgreementId { get; init; }

        public int Number { get; init; }

        public int AgreementVersion { get; init; }

        public DateTimeOffset PeriodFrom { get; init; }

        public DateTimeOffset PeriodTo { get; init; }

        public string Reason { get; init; } = "";

        public DateTimeOffset RestatedAt { get; init; }

        public string RestatedBy { get; init; } = "";

        public DateTimeOffset? RevertedAt { get; init; }

        public string? RevertedBy { get; init; }

        public int Incidents { get; init; }

        public int OutcomesChanged { get; init; }

        public long BreachesBefore { get; init; }

        public long BreachesAfter { get; init; }

        public static RestatementRow From(Restatement r) => new()
        {
            Id = r.Id,
            AgreementId = r.AgreementId,
            Number = r.Number,
            AgreementVersion = r.AgreementVersion,
            PeriodFrom = r.From.ToDateTimeOffset(),
            PeriodTo = r.To.ToDateTimeOffset(),
            Reason = r.Reason,
            RestatedAt = r.RestatedAt.ToDateTimeOffset(),
            RestatedBy = r.RestatedBy,
            RevertedAt = r.RevertedAt?.ToDateTimeOffset(),
            RevertedBy = r.RevertedBy,
            Incidents = r.Incidents,
            OutcomesChanged = r.OutcomesChanged,
            BreachesBefore = r.BreachesBefore,
            BreachesAfter = r.BreachesAfter,
        };

        public Restatement ToDomain() => new(
            Id, AgreementId, Number, AgreementVersion, Instant.FromDateTimeOffset(PeriodFrom), Instant.FromDateTimeOffset(PeriodTo), Reason,
            Instant.FromDateTimeOffset(RestatedAt), RestatedBy, RevertedAt is { } at ? Instant.FromDateTimeOffset(at) : null, RevertedBy, Incidents,
            OutcomesChanged, BreachesBefore, BreachesAfter);
    }
}
