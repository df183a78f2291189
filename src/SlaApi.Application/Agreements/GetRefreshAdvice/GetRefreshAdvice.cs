using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Common.Validation;
using SlaApi.Application.Policies;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Policies;

namespace SlaApi.Application.Agreements.GetRefreshAdvice;

/// <summary>
/// For each agreement whose term has not ended, the reasons to rewrite it, over the last <see cref="Months"/> whole UTC
/// months before now, with the figures they were decided from.
/// </summary>
public sealed record GetRefreshAdviceQuery(int Months, decimal ComplianceBelow, decimal MarginPercent, int WithinDays, PageRequest Page)
    : IQuery<RefreshAdviceDto>;

/// <param name="Code">new-service, struggling, disputes-rising, over-delivering, term-ending or ola-exceeds-sla.</param>
public sealed record AdviceReasonDto(string Code, string Summary);

/// <param name="Month">yyyy-MM, UTC.</param>
/// <param name="Compliance">met / (met + breached) × 100 of the clocks that settled in the month; null when none did.</param>
public sealed record AdviceMonthDto(string Month, long Met, long Breached, decimal? Compliance, long Disputes);

public sealed record ServiceCountDto(string ServiceCode, long Incidents);

/// <param name="Reasons">Empty when nothing calls for a rewrite.</param>
/// <param name="Months">The evidence, month by month, oldest first.</param>
/// <param name="UncoveredServices">Services of the customer's incidents no agreement covered in the window.</param>
/// <param name="MeanPercentOfTarget">The mean share of its target a clock that stopped in the window used.</param>
public sealed record AgreementAdviceDto(
    Guid AgreementId, int Version, Guid CustomerId, string Name, DateTimeOffset? EffectiveTo, DateOnly? RenewalDate,
    IReadOnlyList<AdviceReasonDto> Reasons, IReadOnlyList<AdviceMonthDto> Months, IReadOnlyList<ServiceCountDto> UncoveredServices,
    decimal? MeanPercentOfTarget, long StoppedClocks);

public sealed record RefreshAdviceDto(
    DateTimeOffset From, DateTimeOffset To, DateTimeOffset AsOf, decimal ComplianceBelow, decimal MarginPercent, int WithinDays,
    IReadOnlyList<AgreementAdviceDto> Items, int PageNumber, int PageSize, long TotalItems);

public sealed class GetRefreshAdviceValidator : AbstractValidator<GetRefreshAdviceQuery>
{
    public const int MaxMonths = 24;

    public GetRefreshAdviceValidator()
    {
        RuleFor(q => q.Months).InclusiveBetween(2, MaxMonths);
        RuleFor(q => q.ComplianceBelow).GreaterThan(0).LessThanOrEqualTo(100);
        RuleFor(q => q.MarginPercent).GreaterThan(0).LessThan(100);
        RuleFor(q => q.WithinDays).InclusiveBetween(1, 3650);
        this.ValidPage(q => q.Page);
    }
}

public sealed class GetRefreshAdviceHandler(
    IAgreementRepository agreements, IAdviceRepository records, ISlaPolicyRepository policies, EscalationWarnings escalation, ICallerContext caller,
    TimeProvider time)
    : IQueryHandler<GetRefreshAdviceQuery, RefreshAdviceDto>
{
    public async ValueTask<RefreshAdviceDto> Handle(GetRefreshAdviceQuery query, CancellationToken ct)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var thisMonth = now.InUtc().Date.ToYearMonth();
        var months = Enumerable.Range(1, query.Months).Select(i => thisMonth.PlusMonths(i - query.Months - 1)).ToArray();
        var (from, to) = (Start(months[0]), Start(thisMonth));
        var page = await agreements.ListNotEndedAsync(now.ToDateTimeOffset(), caller.CustomerScope, query.Page, ct);
        var ids = page.Items.Select(a => a.Id).ToArray();
        var customers = page.Items.Select(a => a.CustomerId).Distinct().ToArray();

        var outcomes = (ids.Length == 0 ? [] : await records.MonthlyOutcomesAsync(ids, from, to, ct))
            .GroupBy(o => (o.AgreementId, Month: o.Month.InUtc().Date.ToYearMonth()))
            .ToDictionary(g => g.Key, g => (Met: g.Sum(o => o.Met), Breached: g.Sum(o => o.Breached)));
        var uses = (ids.Length == 0 ? [] : await records.TargetUseAsync(ids, from, to, ct)).ToDictionary(u => u.AgreementId);
        var disputes = (ids.Length == 0 ? [] : await records.DisputesRaisedAsync(ids, from, to, ct))
            .CountBy(d => (d.AgreementId, Month: d.RaisedAt.InUtc().Date.ToYearMonth()))
            .ToDictionary(c => c.Key, c => (long)c.Value);
        var unbound = (customers.Length == 0 ? [] : await records.UnboundServicesAsync(customers, from, to, ct)).ToLookup(u => u.CustomerId);
        var thresholds = new AdviceThresholds(query.ComplianceBelow, query.MarginPercent, query.WithinDays);
        var inForce = new List<SlaPolicy>();
        foreach (var policyId in page.Items.Select(a => a.Terms.PolicyId).Distinct())
        {
            if (await policies.GetInForceAsync(policyId, now.ToDateTimeOffset(), ct) is { } policy)
                inForce.Add(policy);
        }
        var olaWarnings = await escalation.OfAsync(inForce, ct);

        var items = page.Items.Select(agreement =>
        {
            var use = uses.GetValueOrDefault(agreement.Id);
            var record = new AgreementRecord(
                months.Select(month =>
                {
                    var (met, breached) = outcomes.GetValueOrDefault((agreement.Id, month));
                    return new AgreementMonth(month, met, breached, disputes.GetValueOrDefault((agreement.Id, month)));
                }).ToArray(),
                unbound[agreement.CustomerId].ToDictionary(u => u.ServiceCode, u => u.Incidents),
                use is { Clocks: > 0 } ? Math.Round((decimal)(use.SumOfShares / use.Clocks * 100), 2, MidpointRounding.AwayFromZero) : null,
                use?.Clocks ?? 0);
            var reasons = RefreshAdvice.For(agreement, record, thresholds, olaWarnings.GetValueOrDefault(agreement.Terms.PolicyId, []), now);
            return new AgreementAdviceDto(agreement.Id, agreement.Version, agreement.CustomerId, agreement.Terms.Name, agreement.Terms.EffectiveTo,
                agreement.Terms.RenewalDate, reasons.Select(r => new AdviceReasonDto(r.Code, r.Summary)).ToArray(),
                record.Months.Select(m => new AdviceMonthDto($"{m.Month:uuuu'-'MM}", m.Met, m.Breached, m.Compliance, m.Disputes)).ToArray(),
                RefreshAdvice.Uncovered(agreement.Terms, record).Select(s => new ServiceCountDto(s.Key, s.Value)).ToArray(),
                record.MeanPercentOfTarget, record.StoppedClocks);
        }).ToArray();
        return new RefreshAdviceDto(from.ToDateTimeOffset(), to.ToDateTimeOffset(), now.ToDateTimeOffset(), query.ComplianceBelow, query.MarginPercent,
            query.WithinDays, items, page.PageNumber, page.PageSize, page.TotalItems);
    }

    private static Instant Start(YearMonth month) => month.OnDayOfMonth(1).AtMidnight().InUtc().ToInstant();
}
