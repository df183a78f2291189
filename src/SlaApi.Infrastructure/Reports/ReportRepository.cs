using System.Runtime.CompilerServices;
using NodaTime;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Reports;
using SlaApi.Infrastructure.Incidents;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Reports;

/// <summary>
/// Report queries over clock_outcomes and its monthly counts. Grouping columns come from fixed fragments; values
/// always travel as parameters. The plans these rely on are in docs/reporting.md.
/// </summary>
public sealed class ReportRepository(SessionQueries db) : IReportRepository
{
    private const string ForCustomer = " AND customer_id = @CustomerId";

    private const string OutcomeCounts = """
        SUM(CASE WHEN excluded = @No AND breached = @No THEN 1 ELSE 0 END) AS met,
        SUM(CASE WHEN excluded = @No AND breached = @Yes THEN 1 ELSE 0 END) AS breached,
        SUM(CASE WHEN excluded = @Yes THEN 1 ELSE 0 END) AS excluded
        """;

    private const string ResponseTimesSql = """
        SELECT customer_id, agreement_id, agreement_version, policy_id, policy_version, priority, service_code, started_at, stopped_at,
            elapsed_seconds AS business_seconds
        FROM clock_outcomes
        WHERE metric = 'response' AND stopped_at >= @From AND stopped_at < @To AND excluded = @No
        """;

    private const string FirstResolutionTimesSql = """
        SELECT customer_id, agreement_id, agreement_version, policy_id, policy_version, priority, service_code, opened_at AS started_at, first_resolved_at AS stopped_at,
            first_resolution_seconds AS business_seconds
        FROM incidents
        WHERE first_resolved_at >= @From AND first_resolved_at < @To AND first_resolution_seconds IS NOT NULL AND excluded = @No
        """;

    private const string FinalResolutionTimesSql = """
        SELECT customer_id, agreement_id, agreement_version, policy_id, policy_version, priority, service_code, opened_at AS started_at, final_resolved_at AS stopped_at,
            final_resolution_seconds AS business_seconds
        FROM incidents
        WHERE final_resolved_at >= @From AND final_resolved_at < @To AND final_resolution_seconds IS NOT NULL AND excluded = @No
        """;

    private const string PausedCyclesSql = """
        SELECT customer_id, agreement_id, agreement_version, policy_id, policy_version, elapsed_seconds, paused_by_reason
        FROM clock_outcomes
        WHERE metric = @Metric AND stopped_at >= @From AND stopped_at < @To AND excluded = @No AND paused_by_reason IS NOT NULL
        """;

    private const string BreachedIn = "breached = @Yes AND settled_at >= @From AND settled_at < @To";

    private const string BreachCountSql = $"SELECT COUNT(*) FROM clock_outcomes WHERE {BreachedIn}";

    private const string BreachPageSql = """
        SELECT o.incident_id, i.source, i.external_id, o.customer_id, o.agreement_id, o.agreement_version, o.policy_id, o.policy_version,
            o.priority, o.service_code, o.metric,
            o.cycle, o.target_seconds, o.settled_at AS breached_at, o.stopped_at, o.elapsed_seconds, o.retroactive, o.excluded
        FROM clock_outcomes o
        JOIN incidents i ON i.id = o.incident_id
        WHERE o.breached = @Yes AND o.settled_at >= @From AND o.settled_at < @To
        """;

    private const string BreachPageOrder = $"""
        ORDER BY o.settled_at, o.incident_id, o.metric, o.cycle
        {ISqlDialect.PagingMarker}
        """;

    private const string CountsPerAgreementSql = """
        SELECT agreement_id, metric,
            SUM(CASE WHEN breached = @No THEN 1 ELSE 0 END) AS met, SUM(CASE WHEN breached = @Yes THEN 1 ELSE 0 END) AS breached
        FROM clock_outcomes
        WHERE settled_at >= @From AND settled_at < @To AND excluded = @No
        """;

    public async Task<IReadOnlyList<OutcomeCounts>> MonthlyCountsAsync(Instant fromMonth, Instant toMonth, OutcomeGrouping grouping, CancellationToken ct)
    {
        var rows = await db.QueryAsync<CountsRow>(MonthlyCountsSql(grouping), Parameters(fromMonth, toMonth, grouping.CustomerId), ct);
        return rows.Select(r => r.ToCounts(Instant.FromDateTimeOffset(r.Bucket))).ToArray();
    }

    public async Task<IReadOnlyList<OutcomeCounts>> SettledCountsAsync(Instant from, Instant to, OutcomeGrouping grouping, CancellationToken ct)
    {
        var rows = await db.QueryAsync<CountsRow>(SettledCountsSql(grouping), Parameters(from, to, grouping.CustomerId), ct);
        return rows.Select(r => r.ToCounts(from)).ToArray();
    }

    internal static string MonthlyCountsSql(OutcomeGrouping grouping) => $"""
        SELECT month AS bucket, {Dimensions(grouping)},
            SUM(met_count) AS met, SUM(breached_count) AS breached, SUM(excluded_count) AS excluded
        FROM clock_outcome_months
        WHERE month >= @From AND month < @To{(grouping.CustomerId is null ? "" : ForCustomer)}
        GROUP BY month, {GroupColumns(grouping)}
        """;

    internal static string SettledCountsSql(OutcomeGrouping grouping) => $"""
        SELECT {Dimensions(grouping)}, {OutcomeCounts}
        FROM clock_outcomes
        WHERE settled_at >= @From AND settled_at < @To{(grouping.CustomerId is null ? "" : ForCustomer)}
        GROUP BY {GroupColumns(grouping)}
        """;

    internal static (string Count, string Page) BreachesSql(bool forCustomer) => (
        BreachCountSql + (forCustomer ? ForCustomer : ""),
        $"{BreachPageSql}{(forCustomer ? " AND o.customer_id = @CustomerId" : "")}\n{BreachPageOrder}");

    public IAsyncEnumerable<MeasuredTime> ResponseTimesAsync(Instant from, Instant to, Guid? customerId, CancellationToken ct) =>
        TimesAsync(ResponseTimesSql, from, to, customerId, ct);

    public IAsyncEnumerable<MeasuredTime> ResolutionTimesAsync(Instant from, Instant to, Guid? customerId, bool final, CancellationToken ct) =>
        TimesAsync(final ? FinalResolutionTimesSql : FirstResolutionTimesSql, from, to, customerId, ct);

    public async IAsyncEnumerable<PausedCycle> PausedCyclesAsync(
        Instant from, Instant to, string metric, Guid? customerId, [EnumeratorCancellation] CancellationToken ct)
    {
        var parameters = new
        {
            From = from.ToDateTimeOffset(), To = to.ToDateTimeOffset(), CustomerId = customerId ?? Guid.Empty, Metric = metric, No = false,
        };
        await foreach (var row in db.StreamAsync<PausedCycleRow>(PausedCyclesSql + (customerId is null ? "" : ForCustomer), parameters, ct))
            yield return row.ToPausedCycle();
    }

    public async Task<Page<BreachRecord>> BreachesAsync(Instant from, Instant to, Guid? customerId, PageRequest page, CancellationToken ct)
    {
        var (countSql, pageSql) = BreachesSql(customerId is not null);
        var rows = await db.PageAsync<BreachRow>(countSql, pageSql, page, ct, Parameters(from, to, customerId));
        return rows.Map(r => r.ToRecord());
    }

    public async Task<IReadOnlyList<AgreementMetricCounts>> MetricCountsAsync(Instant from, Instant to, Guid? customerId, CancellationToken ct)
    {
        var sql = $"{CountsPerAgreementSql}{(customerId is null ? "" : ForCustomer)}\nGROUP BY agreement_id, metric";
        return (await db.QueryAsync<MetricCountsRow>(sql, Parameters(from, to, customerId), ct))
            .Select(r => new AgreementMetricCounts(r.AgreementId, r.Metric, r.Met, r.Breached)).ToArray();
    }

    private async IAsyncEnumerable<MeasuredTime> TimesAsync(
        string sql, Instant from, Instant to, Guid? customerId, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in db.StreamAsync<TimeRow>(sql + (customerId is null ? "" : ForCustomer), Parameters(from, to, customerId), ct))
            yield return row.ToMeasuredTime();
    }

    private static object Parameters(Instant from, Instant to, Guid? customerId) =>
        new { From = from.ToDateTimeOffset(), To = to.ToDateTimeOffset(), CustomerId = customerId ?? Guid.Empty, Yes = true, No = false };

    private static string Dimensions(OutcomeGrouping g) =>
        $"{(g.Customer ? "customer_id" : "NULL AS customer_id")}, agreement_id, agreement_version, policy_id, policy_version, " +
        $"{(g.Priority ? "priority" : "NULL AS priority")}, {(g.Metric ? "metric" : "NULL AS metric")}, " +
        $"{(g.Service ? "service_code" : "NULL AS service_code")}";

    private static string GroupColumns(OutcomeGrouping g) =>
        string.Join(", ", new[]
        {
            g.Customer ? "customer_id" : null, "agreement_id", "agreement_version", "policy_id", "policy_version",
            g.Priority ? "priority" : null, g.Metric ? "metric" : null, g.Service ? "service_code" : null,
        }.OfType<string>());

    private static string? Service(string? code) => string.IsNullOrEmpty(code) ? null : code;

    private sealed class CountsRow
    {
        public DateTimeOffset Bucket { get; init; }

        public Guid? CustomerId { get; init; }

        public Guid AgreementId { get; init; }

        public int AgreementVersion { get; init; }

        public Guid PolicyId { get; init; }

        public int PolicyVersion { get; init; }

        public int? Priority { get; init; }

        public string? Metric { get; init; }

        public string? ServiceCode { get; init; }

        public long Met { get; init; }

        public long Breached { get; init; }

        public long Excluded { get; init; }

        public OutcomeCounts ToCounts(Instant bucket) => new(
            bucket, CustomerId, AgreementId, AgreementVersion, PolicyId, PolicyVersion, Priority, Metric, ServiceCode, Met, Breached, Excluded);
    }

    private sealed class TimeRow
    {
        public Guid CustomerId { get; init; }

        public Guid AgreementId { get; init; }

        public int AgreementVersion { get; init; }

        public Guid PolicyId { get; init; }

        public int PolicyVersion { get; init; }

        public int Priority { get; init; }

        public string? ServiceCode { get; init; }

        public DateTimeOffset StartedAt { get; init; }

        public DateTimeOffset StoppedAt { get; init; }

        public long BusinessSeconds { get; init; }

        public MeasuredTime ToMeasuredTime() => new(
            CustomerId, AgreementId, AgreementVersion, PolicyId, PolicyVersion, Priority, Service(ServiceCode), Instant.FromDateTimeOffset(StartedAt),
            Instant.FromDateTimeOffset(StoppedAt), BusinessSeconds);
    }

    private sealed class PausedCycleRow
    {
        public Guid CustomerId { get; init; }

        public Guid AgreementId { get; init; }

        public int AgreementVersion { get; init; }

        public Guid PolicyId { get; init; }

        public int PolicyVersion { get; init; }

        public long ElapsedSeconds { get; init; }

        public string PausedByReason { get; init; } = "";

        public PausedCycle ToPausedCycle() =>
            new(CustomerId, AgreementId, AgreementVersion, PolicyId, PolicyVersion, ElapsedSeconds, PauseColumn.Read(PausedByReason));
    }

    private sealed class BreachRow
    {
        public Guid IncidentId { get; init; }

        public string Source { get; init; } = "";

        public string ExternalId { get; init; } = "";

        public Guid CustomerId { get; init; }

        public Guid AgreementId { get; init; }

        public int AgreementVersion { get; init; }

        public Guid PolicyId { get; init; }

        public int PolicyVersion { get; init; }

        public int Priority { get; init; }

        public string? ServiceCode { get; init; }

        public string Metric { get; init; } = "";

        public int Cycle { get; init; }

        public long TargetSeconds { get; init; }

        public DateTimeOffset BreachedAt { get; init; }

        public DateTimeOffset? StoppedAt { get; init; }

        public long? ElapsedSeconds { get; init; }

        public bool Retroactive { get; init; }

        public bool Excluded { get; init; }

        public BreachRecord ToRecord() => new(
            IncidentId, Source, ExternalId, CustomerId, AgreementId, AgreementVersion, PolicyId, PolicyVersion, Priority, Service(ServiceCode), Metric, Cycle, TargetSeconds,
            Instant.FromDateTimeOffset(BreachedAt), StoppedAt is { } stopped ? Instant.FromDateTimeOffset(stopped) : null, ElapsedSeconds,
            Retroactive, Excluded);
    }

    private sealed class MetricCountsRow
    {
        public Guid AgreementId { get; init; }

        public string Metric { get; init; } = "";

        public long Met { get; init; }

        public long Breached { get; init; }
    }
}
