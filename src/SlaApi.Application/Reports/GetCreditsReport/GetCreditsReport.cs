using FluentValidation;
using Mediator;
using NodaTime;
using NodaTime.Text;
using SlaApi.Application.Access;
using SlaApi.Application.Agreements;
using SlaApi.Application.Agreements.Restatements;
using SlaApi.Application.Common.Validation;
using SlaApi.Application.Policies;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Common;

namespace SlaApi.Application.Reports.GetCreditsReport;

/// <summary>Service credits owed for one month, per agreement in term that month (sla-semantics §6).</summary>
/// <param name="Month">"yyyy-MM", a month of <paramref name="TimeZone"/> (UTC when absent).</param>
public sealed record GetCreditsReportQuery(string? Month, string? TimeZone, Guid? CustomerId) : IQuery<CreditsReportDto>;

public sealed class GetCreditsReportValidator : AbstractValidator<GetCreditsReportQuery>
{
    public GetCreditsReportValidator()
    {
        RuleFor(q => q.Month).NotEmpty();
        RuleFor(q => q.Month).Must(m => GetCreditsReportHandler.MonthPattern.Parse(m!) is { Success: true } month && SupportedTime.ContainsYear(month.Value.Year))
            .When(q => !string.IsNullOrEmpty(q.Month))
            .WithMessage($"'month' must be a month written yyyy-MM, such as 2026-10, {SupportedTime.DescribeYears()}.");
        RuleFor(q => q.TimeZone!).KnownTimeZone().When(q => q.TimeZone is not null);
    }
}

/// <summary>
/// One line per credit rule of an agreement (an agreement without rules has one line with no rule), for the agreement's
/// month: the month named, in the agreement's own zone or else the report's. Counts are of the agreement's clocks, not
/// excluded, that settled in that month; the rules are those of the version in force at its end.
/// </summary>
/// <param name="MonthlyCharge">The fee plus the surcharge of the response tier the agreement chose; credits are shares of it.</param>
/// <param name="Compliance">The month's compliance of the rule's metric, for a tiered rule; null when nothing counted.</param>
/// <param name="RulePercent">The share of the monthly charge the rule earned, after its cap; null for an amount per breach.</param>
/// <param name="RuleCredit">What the rule earned, in the fee's currency, to two decimals.</param>
/// <param name="TotalCredit">The sum of the agreement's rule credits, at most its cap (the whole charge unless it names less).</param>
public sealed record CreditRowDto(
    Guid AgreementId,
    int AgreementVersion,
    Guid CustomerId,
    string AgreementName,
    string TimeZone,
    DateTimeOffset From,
    DateTimeOffset To,
    string Currency,
    decimal MonthlyFee,
    string? ResponseTier,
    decimal SurchargePercent,
    decimal MonthlyCharge,
    long ResponseMet,
    long ResponseBreaches,
    long ResolutionMet,
    long ResolutionBreaches,
    long UpdateMet,
    long UpdateBreaches,
    long PlanMet,
    long PlanBreaches,
    long NextReplyMet,
    long NextReplyBreaches,
    int? Rule,
    string? RuleMetric,
    string? RuleKind,
    decimal? PercentPerBreach,
    decimal? CapPercent,
    decimal? AmountPerBreach,
    decimal? CapAmount,
    decimal? Compliance,
    decimal? TierBelowPercent,
    decimal? RulePercent,
    decimal? RuleCredit,
    bool? RuleCapApplied,
    decimal CreditCapPercent,
    decimal TotalCredit,
    bool TotalCapApplied);

/// <param name="Restatements">Restatements in force for the agreements listed: their credits follow the restated clocks.</param>
public sealed record CreditsReportDto(
    string Month, string TimeZone, DateTimeOffset From, DateTimeOffset To, DateTimeOffset AsOf, IReadOnlyList<RestatementNoteDto> Restatements,
    IReadOnlyList<CreditRowDto> Rows)
    : IReport<CreditRowDto>;

public sealed class GetCreditsReportHandler(
    IReportRepository reports, IAgreementRepository agreements, ISlaPolicyRepository policies, IRestatementRepository restatements, ICallerContext caller,
    TimeProvider time)
    : IQueryHandler<GetCreditsReportQuery, CreditsReportDto>
{
    public static readonly YearMonthPattern MonthPattern = YearMonthPattern.CreateWithInvariantCulture("uuuu'-'MM");

    /// <summary>Every zone's month lies within this much of the month in UTC (offsets run from -12:00 to +14:00).</summary>
    private static readonly Duration WidestOffset = Duration.FromHours(15);

    public async ValueTask<CreditsReportDto> Handle(GetCreditsReportQuery query, CancellationToken ct)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var reportZone = DateTimeZoneProviders.Tzdb[query.TimeZone ?? "UTC"];
        var month = MonthPattern.Parse(query.Month!).Value;
        var (from, to) = MonthIn(month, reportZone);
        var rows = new List<CreditRowDto>();
        if (query.CustomerId is not { } asked || caller.CanSee(asked))
        {
            var customerId = caller.CustomerScope ?? query.CustomerId;
            var utcMonth = MonthIn(month, DateTimeZone.Utc);
            var candidates = await agreements.ListInTermAsync(
                (utcMonth.From - WidestOffset).ToDateTimeOffset(), (utcMonth.To + WidestOffset).ToDateTimeOffset(), customerId, ct);
            var zones = candidates.Select(a => ZoneOf(a, reportZone)).DistinctBy(z => z.Id);
            var surcharges = new Dictionary<(Guid, string), decimal>();
            foreach (var zoneMonth in zones.Select(z => (Zone: z, Window: MonthIn(month, z))).GroupBy(z => z.Window))
            {
                var (monthFrom, monthTo) = zoneMonth.Key;
                var zoneIds = zoneMonth.Select(z => z.Zone.Id).ToHashSet();
                var inTerm = (await agreements.ListInTermAsync(monthFrom.ToDateTimeOffset(), monthTo.ToDateTimeOffset(), customerId, ct))
                    .Where(a => zoneIds.Contains(ZoneOf(a, reportZone).Id))
                    .ToArray();
                if (inTerm.Length == 0)
                    continue;
                var until = Instant.Min(monthTo, now);
                var counts = monthFrom < until
                    ? (await reports.MetricCountsAsync(monthFrom, until, customerId, ct)).ToDictionary(c => (c.AgreementId, c.Metric), c => new MetricMonth(c.Met, c.Breached))
                    : [];
                foreach (var agreement in inTerm)
                {
                    var surcharge = await SurchargeAsync(agreement, monthTo, surcharges, ct);
                    var window = new ZoneMonth(ZoneOf(agreement, reportZone).Id, monthFrom, monthTo);
                    rows.AddRange(Lines(agreement, window, surcharge, metric => counts.GetValueOrDefault((agreement.Id, metric), MetricMonth.Nothing)));
                }
            }
        }
        var ordered = rows.OrderBy(r => r.CustomerId).ThenBy(r => r.AgreementId).ThenBy(r => r.Rule).ToArray();
        var restated = await RestatementNoteDto.InForceAsync(restatements, ordered.Select(r => r.AgreementId).Distinct().ToArray(), ct);
        return new CreditsReportDto(MonthPattern.Format(month), reportZone.Id, from.ToDateTimeOffset(), to.ToDateTimeOffset(), now.ToDateTimeOffset(), restated, ordered);
    }

    private static (Instant From, Instant To) MonthIn(YearMonth month, DateTimeZone zone) =>
        (zone.AtStartOfDay(month.OnDayOfMonth(1)).ToInstant(), zone.AtStartOfDay(month.OnDayOfMonth(1).PlusMonths(1)).ToInstant());

    private static DateTimeZone ZoneOf(Agreement agreement, DateTimeZone reportZone) =>
        agreement.Terms.TimeZone is { } id ? DateTimeZoneProviders.Tzdb[id] : reportZone;

    /// <summary>The surcharge of the agreement's tier in the policy version in force at the month's end; 0 without a tier.</summary>
    private async Task<decimal> SurchargeAsync(Agreement agreement, Instant monthEnd, Dictionary<(Guid, string), decimal> known, CancellationToken ct)
    {
        if (agreement.Terms.ResponseTier is not { } tier)
            return 0m;
        var key = (agreement.Terms.PolicyId, tier);
        if (!known.TryGetValue(key, out var surcharge))
        {
            var policy = await policies.GetInForceAsync(agreement.Terms.PolicyId, monthEnd.ToDateTimeOffset(), ct);
            surcharge = known[key] = policy?.TierNamed(tier)?.MonthlySurchargePercent ?? 0m;
        }
        return surcharge;
    }

    private sealed record ZoneMonth(string Zone, Instant From, Instant To);

    private static IEnumerable<CreditRowDto> Lines(Agreement agreement, ZoneMonth month, decimal surchargePercent, Func<string, MetricMonth> monthOf)
    {
        var terms = agreement.Terms;
        var charge = terms.MonthlyChargeWith(surchargePercent);
        var credits = ServiceCredits.For(terms, charge, monthOf);
        var (response, plan, resolution, update, nextReply) =
            (monthOf("response"), monthOf("plan"), monthOf("resolution"), monthOf("update"), monthOf("next-reply"));
        var line = new CreditRowDto(agreement.Id, agreement.Version, agreement.CustomerId, terms.Name, month.Zone,
            month.From.ToDateTimeOffset(), month.To.ToDateTimeOffset(), terms.MonthlyFee.Currency, terms.MonthlyFee.Amount,
            terms.ResponseTier, surchargePercent, charge, response.Met, response.Breached, resolution.Met, resolution.Breached, update.Met, update.Breached,
            plan.Met, plan.Breached, nextReply.Met, nextReply.Breached,
            null, null, null, null, null, null, null, null, null, null, null, null,
            terms.CreditCapPercent ?? ServiceCredits.WholeFeePercent, credits.Total, credits.TotalCapApplied);
        if (credits.Rules.Count == 0)
            return [line];
        return credits.Rules.Select((c, i) => line with
        {
            Rule = i + 1,
            RuleMetric = c.Rule.Metric,
            RuleKind = c.Rule.Kind,
            PercentPerBreach = c.Rule.PercentOfMonthlyFeePerBreach,
            CapPercent = c.Rule.CapPercent,
            AmountPerBreach = c.Rule.AmountPerBreach,
            CapAmount = c.Rule.CapAmount,
            Compliance = c.Rule.Kind == CreditRule.ComplianceTiers ? c.Month.Compliance : null,
            TierBelowPercent = c.Tier?.BelowPercent,
            RulePercent = c.Percent,
            RuleCredit = c.Amount,
            RuleCapApplied = c.CapApplied,
        });
    }
}
