using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Agreements.Restatements;
using SlaApi.Domain.Reports;

namespace SlaApi.Application.Reports.GetComplianceReport;

public sealed record GetComplianceReportQuery(
    DateTimeOffset? From, DateTimeOffset? To, string? TimeZone, string? GroupBy, string? Period, Guid? CustomerId)
    : IQuery<ComplianceReportDto>, IReportFilter;

public sealed class GetComplianceReportValidator : ReportFilterRules<GetComplianceReportQuery>;

/// <summary>One group: the keys grouped by (the others null), and the outcomes of the clocks that settled in it.</summary>
/// <param name="CompliancePercent">met / (met + breached) × 100, to two decimals; null when nothing counted.</param>
public sealed record ComplianceRowDto(
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    Guid? CustomerId,
    Guid? AgreementId,
    Guid? PolicyId,
    int? Priority,
    string? Metric,
    string? Service,
    long Met,
    long Breached,
    long Excluded,
    decimal? CompliancePercent);

public sealed record ComplianceReportDto(ReportHeaderDto Header, IReadOnlyList<ComplianceRowDto> Rows) : IReport<ComplianceRowDto>;

/// <summary>
/// Counts come from the monthly roll-up when periods are months (or there are none), corrected at each period
/// boundary by the clocks that settled between it and the nearest UTC month start; day and week periods count
/// settled clocks directly. Both give the same numbers (docs/reporting.md).
/// </summary>
public sealed class GetComplianceReportHandler(IReportRepository reports, IRestatementRepository restatements, ICallerContext caller, TimeProvider time)
    : IQueryHandler<GetComplianceReportQuery, ComplianceReportDto>
{
    public const string Denominator =
        "met + breached among the clocks that settled in the period (stopped or breached, whichever came first); " +
        "clocks of excluded incidents are counted in 'excluded' and left out of both";

    public async ValueTask<ComplianceReportDto> Handle(GetComplianceReportQuery query, CancellationToken ct)
    {
        var scope = ReportScope.Of(query, caller, Instant.FromDateTimeOffset(time.GetUtcNow()));
        var periods = scope.Periods;
        var counts = new Dictionary<CountKey, Counts>();
        if (!scope.Empty && scope.From < scope.AsOf)
        {
            var grouping = new OutcomeGrouping(scope.Groups("customer"), scope.Groups("priority"), scope.Groups("metric"), scope.Groups("service"), scope.CustomerId);
            var bounds = periods.Select(p => p.Start).Append(periods[^1].End).Select(b => Instant.Min(b, scope.AsOf)).ToArray();
            if (scope.Period is null or PeriodUnit.Month)
                await CountFromMonthsAsync(bounds, grouping, counts, ct);
            else
                await CountSettledAsync(bounds, grouping, counts, ct);
        }

        var counted = counts.Where(c => c.Value != default).ToArray();
        var rows = counted
            .GroupBy(c => Row(c.Key, periods, scope), c => c.Value)
            .Select(g => Complete(g.Key, g.Aggregate(default(Counts), (sum, c) => sum + c)))
            .Where(r => r.Met + r.Breached + r.Excluded != 0)
            .OrderBy(r => r.PeriodStart).ThenBy(r => r.CustomerId).ThenBy(r => r.AgreementId).ThenBy(r => r.PolicyId)
            .ThenBy(r => r.Priority).ThenBy(r => r.Metric, StringComparer.Ordinal).ThenBy(r => r.Service, StringComparer.Ordinal)
            .ToArray();
        var definitions = counted.Select(c => new DefinitionVersionDto(c.Key.Counts.AgreementId, c.Key.Counts.AgreementVersion, c.Key.Counts.PolicyId, c.Key.Counts.PolicyVersion));
        return new ComplianceReportDto(await ReportHeaderDto.ForAsync(scope, Denominator, definitions, restatements, ct), rows);
    }

    /// <summary>
    /// With C(x) the clocks settled before x, a period [a, b) holds C(b) − C(a). C(x) is the roll-up's months before M(x),
    /// the UTC month start nearest x, plus the clocks settled in [M(x), x) (or minus those in [x, M(x))).
    /// </summary>
    private async Task CountFromMonthsAsync(Instant[] bounds, OutcomeGrouping grouping, Dictionary<CountKey, Counts> counts, CancellationToken ct)
    {
        var months = bounds.Select(NearestMonthStart).ToArray();
        foreach (var row in await reports.MonthlyCountsAsync(months[0], months[^1], grouping, ct))
            Add(counts, Array.FindLastIndex(months, m => m <= row.Bucket), row, +1);
        for (var i = 0; i < bounds.Length; i++)
        {
            if (bounds[i] == months[i])
                continue;
            var sign = bounds[i] > months[i] ? +1 : -1;
            var settled = await reports.SettledCountsAsync(Instant.Min(bounds[i], months[i]), Instant.Max(bounds[i], months[i]), grouping, ct);
            foreach (var row in settled)
            {
                if (i > 0)
                    Add(counts, i - 1, row, sign);
                if (i < bounds.Length - 1)
                    Add(counts, i, row, -sign);
            }
        }
    }

    private async Task CountSettledAsync(Instant[] bounds, OutcomeGrouping grouping, Dictionary<CountKey, Counts> counts, CancellationToken ct)
    {
        for (var i = 0; i < bounds.Length - 1; i++)
        {
            if (bounds[i] >= bounds[i + 1])
                continue;
            foreach (var row in await reports.SettledCountsAsync(bounds[i], bounds[i + 1], grouping, ct))
                Add(counts, i, row, +1);
        }
    }

    private static void Add(Dictionary<CountKey, Counts> counts, int period, OutcomeCounts row, int sign)
    {
        var key = new CountKey(period, row with { Bucket = default, Met = 0, Breached = 0, Excluded = 0 });
        counts[key] = counts.GetValueOrDefault(key) + new Counts(sign * row.Met, sign * row.Breached, sign * row.Excluded);
    }

    private static Instant NearestMonthStart(Instant instant)
    {
        var utc = instant.InUtc();
        var floor = new LocalDate(utc.Year, utc.Month, 1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var ceiling = new LocalDate(utc.Year, utc.Month, 1).PlusMonths(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        return instant - floor <= ceiling - instant ? floor : ceiling;
    }

    private static ComplianceRowDto Row(CountKey key, IReadOnlyList<Interval> periods, ReportScope scope)
    {
        var c = key.Counts;
        return new ComplianceRowDto(
            scope.Groups("period") ? periods[key.Period].Start.ToDateTimeOffset() : null,
            scope.Groups("period") ? periods[key.Period].End.ToDateTimeOffset() : null,
            scope.Groups("customer") ? c.CustomerId : null,
            scope.Groups("agreement") ? c.AgreementId : null,
            scope.Groups("policy") ? c.PolicyId : null,
            c.Priority, c.Metric, c.ServiceCode is "" ? null : c.ServiceCode, 0, 0, 0, null);
    }

    private static ComplianceRowDto Complete(ComplianceRowDto row, Counts counts) => row with
    {
        Met = counts.Met,
        Breached = counts.Breached,
        Excluded = counts.Excluded,
        CompliancePercent = Compliance.Percent(counts.Met, counts.Breached),
    };

    private readonly record struct CountKey(int Period, OutcomeCounts Counts);

    private readonly record struct Counts(long Met, long Breached, long Excluded)
    {
        public static Counts operator +(Counts a, Counts b) => new(a.Met + b.Met, a.Breached + b.Breached, a.Excluded + b.Excluded);
    }
}
