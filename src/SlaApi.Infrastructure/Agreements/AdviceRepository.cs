using NodaTime;
using SlaApi.Application.Agreements;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Agreements;

public sealed class AdviceRepository(SessionQueries db) : IAdviceRepository
{
    private const string UnboundServicesSql = """
        SELECT customer_id, service_code, COUNT(*) AS incidents
        FROM incidents
        WHERE customer_id IN @Ids AND agreement_id IS NULL AND service_code IS NOT NULL AND opened_at >= @From AND opened_at < @To
        GROUP BY customer_id, service_code
        """;

    private const string MonthlyOutcomesSql = """
        SELECT agreement_id, month, SUM(met_count) AS met, SUM(breached_count) AS breached
        FROM clock_outcome_months
        WHERE agreement_id IN @Ids AND month >= @From AND month < @To
        GROUP BY agreement_id, month
        """;

    private const string TargetUseSql = """
        SELECT agreement_id, COUNT(*) AS clocks, SUM(CAST(elapsed_seconds AS float) / target_seconds) AS sum_of_shares
        FROM clock_outcomes
        WHERE agreement_id IN @Ids AND stopped_at >= @From AND stopped_at < @To AND excluded = @No AND elapsed_seconds IS NOT NULL
        GROUP BY agreement_id
        """;

    private const string DisputesRaisedSql = """
        SELECT agreement_id, raised_at FROM disputes WHERE agreement_id IN @Ids AND raised_at >= @From AND raised_at < @To
        """;

    public async Task<IReadOnlyList<UnboundServiceCount>> UnboundServicesAsync(IReadOnlyCollection<Guid> customerIds, Instant from, Instant to, CancellationToken ct) =>
        (await db.QueryAsync<ServiceRow>(UnboundServicesSql, Parameters(customerIds, from, to), ct))
            .Select(r => new UnboundServiceCount(r.CustomerId, r.ServiceCode, r.Incidents)).ToArray();

    public async Task<IReadOnlyList<AgreementMonthCounts>> MonthlyOutcomesAsync(
        IReadOnlyCollection<Guid> agreementIds, Instant fromMonth, Instant toMonth, CancellationToken ct) =>
        (await db.QueryAsync<MonthRow>(MonthlyOutcomesSql, Parameters(agreementIds, fromMonth, toMonth), ct))
            .Select(r => new AgreementMonthCounts(r.AgreementId, Instant.FromDateTimeOffset(r.Month), r.Met, r.Breached)).ToArray();

    public async Task<IReadOnlyList<TargetUse>> TargetUseAsync(IReadOnlyCollection<Guid> agreementIds, Instant from, Instant to, CancellationToken ct) =>
        (await db.QueryAsync<UseRow>(TargetUseSql, Parameters(agreementIds, from, to), ct))
            .Select(r => new TargetUse(r.AgreementId, r.Clocks, r.SumOfShares)).ToArray();

    public async Task<IReadOnlyList<(Guid AgreementId, Instant RaisedAt)>> DisputesRaisedAsync(
        IReadOnlyCollection<Guid> agreementIds, Instant from, Instant to, CancellationToken ct) =>
        (await db.QueryAsync<DisputeRow>(DisputesRaisedSql, Parameters(agreementIds, from, to), ct))
            .Select(r => (r.AgreementId, Instant.FromDateTimeOffset(r.RaisedAt))).ToArray();

    private static object Parameters(IReadOnlyCollection<Guid> ids, Instant from, Instant to) =>
        new { Ids = ids.ToArray(), From = from.ToDateTimeOffset(), To = to.ToDateTimeOffset(), No = false };

    private sealed class ServiceRow
    {
        public Guid CustomerId { get; init; }

        public string ServiceCode { get; init; } = "";

        public long Incidents { get; init; }
    }

    private sealed class UseRow
    {
        public Guid AgreementId { get; init; }

        public long Clocks { get; init; }

        public double SumOfShares { get; init; }
    }

    private sealed class MonthRow
    {
        public Guid AgreementId { get; init; }

        public DateTimeOffset Month { get; init; }

        public long Met { get; init; }

        public long Breached { get; init; }
    }

    private sealed class DisputeRow
    {
        public Guid AgreementId { get; init; }

        public DateTimeOffset RaisedAt { get; init; }
    }
}
