using NodaTime;
using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Reports;

public interface IReportRepository
{
    /// <summary>Outcome counts per UTC month of settlement, for months starting in [fromMonth, toMonth).</summary>
    Task<IReadOnlyList<OutcomeCounts>> MonthlyCountsAsync(Instant fromMonth, Instant toMonth, OutcomeGrouping grouping, CancellationToken ct);

    /// <summary>Outcome counts of the clocks that settled in [from, to); <see cref="OutcomeCounts.Bucket"/> is <paramref name="from"/>.</summary>
    Task<IReadOnlyList<OutcomeCounts>> SettledCountsAsync(Instant from, Instant to, OutcomeGrouping grouping, CancellationToken ct);

    /// <summary>Times to response of clocks that stopped in [from, to), excluded incidents left out; streamed, as a year may hold millions.</summary>
    IAsyncEnumerable<MeasuredTime> ResponseTimesAsync(Instant from, Instant to, Guid? customerId, CancellationToken ct);

    /// <summary>Times to first or final resolution of bound incidents resolved so in [from, to), excluded incidents left out.</summary>
    IAsyncEnumerable<MeasuredTime> ResolutionTimesAsync(Instant from, Instant to, Guid? customerId, bool final, CancellationToken ct);

    /// <summary>Breached clocks whose breach lies in [from, to), oldest first.</summary>
    Task<Page<BreachRecord>> BreachesAsync(Instant from, Instant to, Guid? customerId, PageRequest page, CancellationToken ct);

    /// <summary>
    /// Cycles of one metric stopped in [from, to), of incidents not excluded, with the time they spent paused; only those
    /// whose pause time was stored (outcomes stored before it was are left out). Streamed, as a year may hold millions.
    /// </summary>
    IAsyncEnumerable<PausedCycle> PausedCyclesAsync(Instant from, Instant to, string metric, Guid? customerId, CancellationToken ct);

    /// <summary>Clocks of incidents not excluded that settled in [from, to), met and breached, counted per agreement and metric.</summary>
    Task<IReadOnlyList<AgreementMetricCounts>> MetricCountsAsync(Instant from, Instant to, Guid? customerId, CancellationToken ct);
}

/// <summary>Which dimensions counts are grouped by; agreement and policy versions always are, for the report header.</summary>
public sealed record OutcomeGrouping(bool Customer, bool Priority, bool Metric, bool Service, Guid? CustomerId);

/// <param name="Bucket">The UTC month, or the start of the range counted.</param>
public sealed record OutcomeCounts(
    Instant Bucket, Guid? CustomerId, Guid AgreementId, int AgreementVersion, Guid PolicyId, int PolicyVersion, int? Priority,
    string? Metric, string? ServiceCode, long Met, long Breached, long Excluded);

/// <summary>One measured time: from <see cref="StartedAt"/> to <see cref="StoppedAt"/>, and the business time between them.</summary>
public sealed record MeasuredTime(
    Guid CustomerId, Guid AgreementId, int AgreementVersion, Guid PolicyId, int PolicyVersion, int Priority, string? ServiceCode, Instant StartedAt, Instant StoppedAt, long BusinessSeconds);

public sealed record BreachRecord(
    Guid IncidentId, string Source, string ExternalId, Guid CustomerId, Guid AgreementId, int AgreementVersion, Guid PolicyId, int PolicyVersion,
    int Priority, string? ServiceCode,
    string Metric, int Cycle, long TargetSeconds, Instant BreachedAt, Instant? StoppedAt, long? ElapsedSeconds, bool Retroactive, bool Excluded);

public sealed record AgreementMetricCounts(Guid AgreementId, string Metric, long Met, long Breached);

/// <param name="ElapsedSeconds">The business time the cycle counted.</param>
public sealed record PausedCycle(
    Guid CustomerId, Guid AgreementId, int AgreementVersion, Guid PolicyId, int PolicyVersion, long ElapsedSeconds, PauseTally Paused);
