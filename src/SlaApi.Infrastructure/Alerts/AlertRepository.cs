using SlaApi.Application.Alerts;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Alerts;

/// <summary>The alerts that fired, read in the order they fired.</summary>
public sealed class AlertRepository(SessionQueries db) : IAlertRepository
{
    private const string Columns = """
        sequence, id, type, occurred_at, fired_at, late, retroactive, incident_id, source, external_id, customer_id, agreement_id, metric, cycle,
        threshold, due_at, days_before, reason
        """;

    private const string AfterSql = $"SELECT {Columns} FROM alerts WHERE sequence > @After ORDER BY sequence /*PAGING*/";

    private const string AfterForCustomerSql = $"SELECT {Columns} FROM alerts WHERE customer_id = @CustomerId AND sequence > @After ORDER BY sequence /*PAGING*/";

    private const string BySequencesSql = $"SELECT {Columns} FROM alerts WHERE sequence IN @Sequences";

    public async Task<IReadOnlyList<AlertDto>> ListAfterAsync(long after, Guid? customerId, int limit, CancellationToken ct)
    {
        var rows = await db.QueryAsync<AlertRow>(customerId is null ? AfterSql : AfterForCustomerSql,
            new { After = after, CustomerId = customerId, Skip = 0, Take = limit }, ct);
        return rows.Select(r => r.ToDto()).ToArray();
    }

    internal async Task<IReadOnlyDictionary<long, AlertDto>> BySequencesAsync(IReadOnlyList<long> sequences, CancellationToken ct) =>
        (await db.QueryAsync<AlertRow>(BySequencesSql, new { Sequences = sequences }, ct)).ToDictionary(r => r.Sequence, r => r.ToDto());

    private sealed class AlertRow
    {
        public long Sequence { get; init; }

        public Guid Id { get; init; }

        public string Type { get; init; } = "";

        public DateTimeOffset OccurredAt { get; init; }

        public DateTimeOffset FiredAt { get; init; }

        public bool Late { get; init; }

        public bool Retroactive { get; init; }

        public Guid? IncidentId { get; init; }

        public string? Source { get; init; }

        public string? ExternalId { get; init; }

        public Guid? CustomerId { get; init; }

        public Guid? AgreementId { get; init; }

        public string? Metric { get; init; }

        public int? Cycle { get; init; }

        public int? Threshold { get; init; }

        public DateTimeOffset? DueAt { get; init; }

        public int? DaysBefore { get; init; }

        public string? Reason { get; init; }

        public AlertDto ToDto() => new(Sequence, Id, Type, OccurredAt, FiredAt, Late, Retroactive, IncidentId, Source, ExternalId, CustomerId, AgreementId,
            Metric, Cycle, Threshold, DueAt, DaysBefore, Reason);
    }
}
