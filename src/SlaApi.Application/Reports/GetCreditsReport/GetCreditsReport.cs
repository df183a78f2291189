using FluentValidation;
using Mediator;
using NodaTime;
using NodaTime.Text;
using SlaApi.Application.Access;
using SlaApi.Application.Agreements;
using SlaApi.Application.Common.Validation;
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
/// One line per credit rule of an agreement (an agreement without rules has one line with no rule). Breaches are the
/// agreement's clocks, not excluded, that breached in the month; the rules are those of the version in force at its end.
/// </summary>
/// <param name="RuleCredit">min(breaches × percent, cap) of the monthly fee, in the fee's currency, to two decimals.</param>
/// <param name="TotalCredit">The sum of the agreement's rule credits, at most the monthly fee.</param>
public sealed record CreditRowDto(
    Guid AgreementId,
    int AgreementVersion,
    Guid CustomerId,
    string AgreementName,
    string Currency,
    decimal MonthlyFee,
    long ResponseBreaches,
    long ResolutionBreaches,
    long UpdateBreaches,
    int? Rule,
    string? RuleMetric,
    decimal? PercentPerBreach,
    decimal? CapPercent,
    decimal? RuleCredit,
    bool? RuleCapApplied,
    decimal TotalCredit,
    bool TotalCapApplied);

public sealed record CreditsReportDto(string Month, string TimeZone, DateTimeOffset From, DateTimeOffset To, DateTimeOffset AsOf, IReadOnlyList<CreditRowDto> Rows)
    : IReport<CreditRowDto>;

public sealed class GetCreditsReportHandler(IReportRepository reports, IAgreementRepository agreements, ICallerContext caller, TimeProvider time)
    : IQueryHandler<GetCreditsReportQuery, CreditsReportDto>
{
    public static readonly YearMonthPattern MonthPattern = YearMonthPattern.CreateWithInvariantCulture("uuuu'-'MM");

    public async ValueTask<CreditsReportDto> Handle(GetCreditsReportQuery query, CancellationToken ct)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var zone = DateTimeZoneProviders.Tzdb[query.TimeZone ?? "UTC"];
        var month = MonthPattern.Parse(query.Month!).Value;
        var from = zone.AtStartOfDay(month.OnDayOfMonth(1)).ToInstant();
        var to = zone.AtStartOfDay(month.OnDayOfMonth(1).PlusMonths(1)).ToInstant();
        var rows = new List<CreditRowDto>();
        if (query.CustomerId is not { } asked || caller.CanSee(asked))
        {
            var customerId = caller.CustomerScope ?? query.CustomerId;
            var inTerm = await agreements.ListInTermAsync(from.ToDateTimeOffset(), to.ToDateTimeOffset(), customerId, ct);
            var until = Instant.Min(to, now);
            var breaches = from < until
                ? (await reports.BreachCountsAsync(from, until, customerId, ct)).ToDictionary(b => (b.AgreementId, b.Metric), b => b.Breaches)
                : [];
            foreach (var agreement in inTerm)
                rows.AddRange(Lines(agreement, metric => breaches.GetValueOrDefault((agreement.Id, metric))));
        }
        return new CreditsReportDto(MonthPattern.Format(month), zone.Id, from.ToDateTimeOffset(), to.ToDateTimeOffset(), now.ToDateTimeOffset(), rows);
    }

    private static IEnumerable<CreditRowDto> Lines(Agreement agreement, Func<string, long> breachesOf)
    {
        var terms = agreement.Terms;
        var credits = ServiceCredits.For(terms, breachesOf);
        var line = new CreditRowDto(agreement.Id, agreement.Version, agreement.CustomerId, terms.Name, terms.MonthlyFee.Currency, terms.MonthlyFee.Amount,
            breachesOf("response"), breachesOf("resolution"), breachesOf("update"), null, null, null, null, null, null, credits.Total, credits.TotalCapApplied);
        if (credits.Rules.Count == 0)
            return [line];
        return credits.Rules.Select((c, i) => line with
        {
            Rule = i + 1,
            RuleMetric = c.Rule.Metric,
            PercentPerBreach = c.Rule.PercentOfMonthlyFeePerBreach,
            CapPercent = c.Rule.CapPercent,
            RuleCredit = c.Amount,
            RuleCapApplied = c.CapApplied,
        });
    }
}
