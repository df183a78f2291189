using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Agreements.Restatements;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Reports;

namespace SlaApi.Application.Reports.GetPausesReport;

/// <param name="Metric">The clock whose pauses are counted; resolution when absent.</param>
/// <param name="MinCycles">The stopped cycles a customer needs in the period to be scored for outliers; 5 when absent.</param>
public sealed record GetPausesReportQuery(DateTimeOffset? From, DateTimeOffset? To, string? Metric, Guid? CustomerId, int? MinCycles)
    : IQuery<PausesReportDto>, IReportFilter
{
    public const string DefaultMetric = "resolution";

    public const int DefaultMinCycles = 5;

    public const int MaxMinCycles = 10_000;

    string? IReportFilter.TimeZone => null;

    string? IReportFilter.GroupBy => null;

    string? IReportFilter.Period => null;
}

public sealed class GetPausesReportValidator : ReportFilterRules<GetPausesReportQuery>
{
    public GetPausesReportValidator()
    {
        RuleFor(q => q.Metric).Must(m => m is null || ClockMetrics.Names.Contains(m))
            .WithMessage($"'metric' must be one of: {string.Join(", ", ClockMetrics.Names)}.");
        RuleFor(q => q.MinCycles).InclusiveBetween(1, GetPausesReportQuery.MaxMinCycles);
    }
}

/// <param name="Cycles">Stopped cycles counted.</param>
/// <param name="PausedCycles">Those of them that spent any time paused.</param>
/// <param name="CountedSeconds">Business time the cycles counted.</param>
/// <param name="PausedSeconds">Business time they spent paused, on the same calendars.</param>
/// <param name="PauseShare">Paused ÷ (counted + paused), in percent; null when no time was measured.</param>
public sealed record PauseTotalsDto(long Cycles, long PausedCycles, long CountedSeconds, long PausedSeconds, decimal? PauseShare);

public sealed record PauseShareRowDto(
    Guid AgreementId, Guid CustomerId, long Cycles, long PausedCycles, long CountedSeconds, long PausedSeconds, decimal? PauseShare);

/// <param name="Reason">The reason code the pauses were given for; null for pauses given none.</param>
/// <param name="ShareOfPausedTime">This reason's part of all paused time, in percent.</param>
/// <param name="PauseShare">This reason's part of all clock time (counted and paused), in percent.</param>
public sealed record PauseReasonRowDto(string? Reason, long Cycles, long PausedSeconds, decimal? ShareOfPausedTime, decimal? PauseShare);

/// <param name="Score">Its modified z-score, above <see cref="ModifiedZScore.OutlierAbove"/>.</param>
public sealed record PauseOutlierDto(Guid CustomerId, long Cycles, decimal PauseShare, decimal Score);

/// <param name="CustomersScored">Customers with at least <paramref name="MinCycles"/> stopped cycles, whose shares were scored.</param>
/// <param name="Median">The median of their pause shares, in percent; null when too few were scored.</param>
/// <param name="Scale">What a score divides the distance from the median by, in percentage points: MAD ÷ 0.6745.</param>
public sealed record PauseOutliersDto(
    string Statistic, decimal Threshold, int MinCycles, int CustomersScored, decimal? Median, decimal? Scale, IReadOnlyList<PauseOutlierDto> Customers);

public sealed record PausesReportDto(
    ReportHeaderDto Header, string Metric, PauseTotalsDto Portfolio, IReadOnlyList<PauseShareRowDto> Rows, IReadOnlyList<PauseReasonRowDto> Reasons,
    PauseOutliersDto Outliers) : IReport<PauseShareRowDto>;

/// <summary>
/// How much of a clock's time its incidents spent paused (docs/sla-semantics.md §8 "Pause report"): per agreement and per
/// reason, and the customers whose share stands far above the portfolio's.
/// </summary>
public sealed class GetPausesReportHandler(IReportRepository reports, IRestatementRepository restatements, ICallerContext caller, TimeProvider time)
    : IQueryHandler<GetPausesReportQuery, PausesReportDto>
{
    public const string Denominator =
        "every cycle of the metric that stopped in the period, of incidents not excluded and with their pause time stored: " +
        "pause share = paused ÷ (counted + paused) business time, each cycle on its own calendar; reopen gaps are not pauses";

    public async ValueTask<PausesReportDto> Handle(GetPausesReportQuery query, CancellationToken ct)
    {
        var scope = ReportScope.Of(query, caller, Instant.FromDateTimeOffset(time.GetUtcNow()));
        var metric = query.Metric ?? GetPausesReportQuery.DefaultMetric;
        var until = Instant.Min(scope.To, scope.AsOf);
        var agreements = new Dictionary<Guid, (Guid Customer, Tally Tally)>();
        var reasons = new Dictionary<string, (string? Reason, long Cycles, long Seconds)>(StringComparer.Ordinal);
        var definitions = new HashSet<DefinitionVersionDto>();
        if (!scope.Empty && scope.From < until)
        {
            await foreach (var cycle in reports.PausedCyclesAsync(scope.From, until, metric, scope.CustomerId, ct))
            {
                definitions.Add(new DefinitionVersionDto(cycle.AgreementId, cycle.AgreementVersion, cycle.PolicyId, cycle.PolicyVersion));
                var paused = cycle.Paused.Total.WholeSeconds();
                var (_, tally) = agreements.GetValueOrDefault(cycle.AgreementId);
                agreements[cycle.AgreementId] = (cycle.CustomerId, tally.Add(cycle.ElapsedSeconds, paused));
                foreach (var (reason, pausedTime) in cycle.Paused.ByReason)
                {
                    var key = reason ?? "";
                    var (_, cycles, seconds) = reasons.GetValueOrDefault(key);
                    reasons[key] = (reason, cycles + 1, seconds + pausedTime.WholeSeconds());
                }
            }
        }
        var portfolio = agreements.Values.Aggregate(new Tally(), (sum, a) => sum.Plus(a.Tally));
        var rows = agreements
            .Select(a => a.Value.Tally.ToRow(a.Key, a.Value.Customer))
            .OrderBy(r => r.CustomerId).ThenBy(r => r.AgreementId)
            .ToArray();
        var reasonRows = reasons.Values
            .OrderBy(r => r.Reason, StringComparer.Ordinal)
            .Select(r => new PauseReasonRowDto(r.Reason, r.Cycles, r.Seconds,
                PauseShare.PercentOf(r.Seconds, portfolio.Paused), PauseShare.PercentOf(r.Seconds, portfolio.Counted + portfolio.Paused)))
            .ToArray();
        var minCycles = query.MinCycles ?? GetPausesReportQuery.DefaultMinCycles;
        return new PausesReportDto(
            await ReportHeaderDto.ForAsync(scope, Denominator, definitions, restatements, ct), metric, portfolio.ToTotals(), rows, reasonRows,
            Outliers(agreements.Values, minCycles));
    }

    private static PauseOutliersDto Outliers(IEnumerable<(Guid Customer, Tally Tally)> agreements, int minCycles)
    {
        var customers = agreements
            .GroupBy(a => a.Customer, a => a.Tally)
            .Select(g => (Customer: g.Key, Tally: g.Aggregate(new Tally(), (sum, t) => sum.Plus(t))))
            .Where(c => c.Tally.Cycles >= minCycles && c.Tally.Counted + c.Tally.Paused > 0)
            .Select(c => (c.Customer, c.Tally.Cycles, Share: c.Tally.Paused * 100.0 / (c.Tally.Counted + c.Tally.Paused)))
            .ToArray();
        var statistic = ModifiedZScore.Of(customers.Select(c => c.Share).ToArray());
        var outliers = statistic is null ? [] : customers
            .Where(c => statistic.IsOutlier(c.Share))
            .OrderByDescending(c => statistic.Score(c.Share)).ThenBy(c => c.Customer)
            .Select(c => new PauseOutlierDto(c.Customer, c.Cycles, Round(c.Share), Round(statistic.Score(c.Share))))
            .ToArray();
        return new PauseOutliersDto(ModifiedZScore.Name, (decimal)ModifiedZScore.OutlierAbove, minCycles, customers.Length,
            statistic is null ? null : Round(statistic.Median), statistic is null ? null : Round(statistic.Scale), outliers);
    }

    private static decimal Round(double value) => Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero);

    private readonly record struct Tally(long Cycles, long PausedCycles, long Counted, long Paused)
    {
        public Tally Add(long counted, long paused) => new(Cycles + 1, PausedCycles + (paused > 0 ? 1 : 0), Counted + counted, Paused + paused);

        public Tally Plus(Tally other) => new(Cycles + other.Cycles, PausedCycles + other.PausedCycles, Counted + other.Counted, Paused + other.Paused);

        public PauseTotalsDto ToTotals() => new(Cycles, PausedCycles, Counted, Paused, PauseShare.Of(Counted, Paused));

        public PauseShareRowDto ToRow(Guid agreementId, Guid customerId) =>
            new(agreementId, customerId, Cycles, PausedCycles, Counted, Paused, PauseShare.Of(Counted, Paused));
    }
}
