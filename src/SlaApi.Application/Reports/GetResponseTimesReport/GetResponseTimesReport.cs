using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Agreements.Restatements;

namespace SlaApi.Application.Reports.GetResponseTimesReport;

public sealed record GetResponseTimesReportQuery(
    DateTimeOffset? From, DateTimeOffset? To, string? TimeZone, string? GroupBy, string? Period, Guid? CustomerId)
    : IQuery<ResponseTimesReportDto>, IReportFilter;

public sealed class GetResponseTimesReportValidator : ReportFilterRules<GetResponseTimesReportQuery>;

/// <summary>
/// Statistics of one measure in one group, in whole seconds: business seconds count only open calendar time outside
/// pauses (and reopen gaps); wall seconds are plain elapsed time. Percentiles are nearest-rank.
/// </summary>
/// <param name="Measure">response, firstResolution or finalResolution.</param>
public sealed record ResponseTimeRowDto(
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    Guid? CustomerId,
    Guid? AgreementId,
    Guid? PolicyId,
    int? Priority,
    string? Service,
    string Measure,
    int Count,
    decimal BusinessMeanSeconds,
    long BusinessP50Seconds,
    long BusinessP90Seconds,
    long BusinessMaxSeconds,
    decimal WallMeanSeconds,
    long WallP50Seconds,
    long WallP90Seconds,
    long WallMaxSeconds);

public sealed record ResponseTimesReportDto(ReportHeaderDto Header, IReadOnlyList<ResponseTimeRowDto> Rows) : IReport<ResponseTimeRowDto>;

/// <summary>Times to response, first resolution and final resolution, each counted in the period in which it ended.</summary>
public sealed class GetResponseTimesReportHandler(IReportRepository reports, IRestatementRepository restatements, ICallerContext caller, TimeProvider time)
    : IQueryHandler<GetResponseTimesReportQuery, ResponseTimesReportDto>
{
    public const string Denominator =
        "every time that ended in the period: first response (a response clock's stop), first resolution, and final resolution " +
        "(the last resolution, with every resolution cycle's business time); incidents without an agreement or excluded are left out";

    public async ValueTask<ResponseTimesReportDto> Handle(GetResponseTimesReportQuery query, CancellationToken ct)
    {
        var scope = ReportScope.Of(query, caller, Instant.FromDateTimeOffset(time.GetUtcNow()));
        var periods = scope.Periods;
        var until = Instant.Min(scope.To, scope.AsOf);
        var rows = new List<ResponseTimeRowDto>();
        var definitions = new HashSet<DefinitionVersionDto>();
        if (!scope.Empty && scope.From < until)
        {
            var ends = periods.Select(p => p.End).ToArray();
            var measures = new (string Name, IAsyncEnumerable<MeasuredTime> Times)[]
            {
                ("response", reports.ResponseTimesAsync(scope.From, until, scope.CustomerId, ct)),
                ("firstResolution", reports.ResolutionTimesAsync(scope.From, until, scope.CustomerId, final: false, ct)),
                ("finalResolution", reports.ResolutionTimesAsync(scope.From, until, scope.CustomerId, final: true, ct)),
            };
            foreach (var (name, times) in measures)
            {
                // Only the seconds are kept per group: percentiles need every value, not every row.
                var groups = new Dictionary<GroupKey, (List<long> Business, List<long> Wall)>();
                await foreach (var time in times)
                {
                    definitions.Add(new DefinitionVersionDto(time.AgreementId, time.AgreementVersion, time.PolicyId, time.PolicyVersion));
                    var key = Key(time, PeriodOf(ends, time.StoppedAt), scope);
                    if (!groups.TryGetValue(key, out var values))
                        groups[key] = values = ([], []);
                    values.Business.Add(time.BusinessSeconds);
                    values.Wall.Add((long)(time.StoppedAt - time.StartedAt).TotalSeconds);
                }
                rows.AddRange(groups.Select(g => Statistics(g.Key, periods, name, g.Value.Business, g.Value.Wall)));
            }
        }
        var ordered = rows
            .OrderBy(r => r.PeriodStart).ThenBy(r => r.CustomerId).ThenBy(r => r.AgreementId).ThenBy(r => r.PolicyId)
            .ThenBy(r => r.Priority).ThenBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => Array.IndexOf(MeasureOrder, r.Measure))
            .ToArray();
        return new ResponseTimesReportDto(await ReportHeaderDto.ForAsync(scope, Denominator, definitions, restatements, ct), ordered);
    }

    private static readonly string[] MeasureOrder = ["response", "firstResolution", "finalResolution"];

    private static int PeriodOf(Instant[] ends, Instant at)
    {
        var index = Array.BinarySearch(ends, at);
        return index >= 0 ? index + 1 : ~index;
    }

    private static GroupKey Key(MeasuredTime t, int period, ReportScope scope) => new(
        scope.Groups("period") ? period : -1,
        scope.Groups("customer") ? t.CustomerId : null,
        scope.Groups("agreement") ? t.AgreementId : null,
        scope.Groups("policy") ? t.PolicyId : null,
        scope.Groups("priority") ? t.Priority : null,
        scope.Groups("service") ? t.ServiceCode : null);

    private static ResponseTimeRowDto Statistics(GroupKey key, IReadOnlyList<Interval> periods, string measure, List<long> business, List<long> wall)
    {
        business.Sort();
        wall.Sort();
        return new ResponseTimeRowDto(
            key.Period >= 0 ? periods[key.Period].Start.ToDateTimeOffset() : null,
            key.Period >= 0 ? periods[key.Period].End.ToDateTimeOffset() : null,
            key.CustomerId, key.AgreementId, key.PolicyId, key.Priority, key.Service, measure, business.Count,
            Mean(business), Rank(business, 50), Rank(business, 90), business[^1],
            Mean(wall), Rank(wall, 50), Rank(wall, 90), wall[^1]);
    }

    private static decimal Mean(List<long> sorted) => Math.Round((decimal)sorted.Sum() / sorted.Count, 2);

    /// <summary>The nearest-rank percentile: the smallest value with at least p% of the values at or below it.</summary>
    private static long Rank(List<long> sorted, int percent) => sorted[(int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1];

    private readonly record struct GroupKey(int Period, Guid? CustomerId, Guid? AgreementId, Guid? PolicyId, int? Priority, string? Service);
}
