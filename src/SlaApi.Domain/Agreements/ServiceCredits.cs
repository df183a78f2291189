namespace SlaApi.Domain.Agreements;

/// <summary>What one metric of an agreement counted in a month: clocks met and breached, excluded incidents left out.</summary>
public sealed record MetricMonth(long Met, long Breached)
{
    public static readonly MetricMonth Nothing = new(0, 0);

    /// <summary>The month's compliance, as the compliance report writes it; null when nothing counted.</summary>
    public decimal? Compliance => Reports.Compliance.Percent(Met, Breached);
}

/// <summary>The credit one rule earns in a month.</summary>
/// <param name="Percent">The share of the monthly fee it earns, after its cap; null for a fixed amount per breach.</param>
/// <param name="Tier">The compliance tier that applied, for a tiered rule.</param>
public sealed record RuleCredit(CreditRule Rule, MetricMonth Month, decimal? Percent, ComplianceTier? Tier, decimal Amount, bool CapApplied);

/// <summary>
/// Service credits owed for one month of an agreement (sla-semantics §8 "Credits"): each rule earns its credit, and
/// together they never exceed the agreement's cap (the whole fee unless it names a smaller share). Amounts are in the
/// fee's currency; rule amounts and the total are rounded to cents, halves away from zero, the total from the exact sum.
/// </summary>
public sealed record ServiceCredits(IReadOnlyList<RuleCredit> Rules, decimal Total, bool TotalCapApplied)
{
    public const decimal WholeFeePercent = 100m;

    /// <param name="fee">The month's charge credits are shares of: the fee, with the surcharge of the agreement's response tier.</param>
    public static ServiceCredits For(AgreementTerms terms, decimal fee, Func<string, MetricMonth> monthOf)
    {
        var earned = terms.CreditRules.Select(rule => Earn(rule, fee, monthOf(rule.Metric))).ToArray();
        var cap = fee * (terms.CreditCapPercent ?? WholeFeePercent) / 100m;
        var sum = earned.Sum(e => e.Exact);
        return new ServiceCredits(earned.Select(e => e.Credit).ToArray(), Cents(Math.Min(sum, cap)), sum > cap);
    }

    private static (RuleCredit Credit, decimal Exact) Earn(CreditRule rule, decimal fee, MetricMonth month)
    {
        switch (rule.Kind)
        {
            case CreditRule.FixedPerBreach:
            {
                var uncapped = month.Breached * (rule.AmountPerBreach ?? 0m);
                var amount = rule.CapAmount is { } cap ? Math.Min(uncapped, cap) : uncapped;
                return (new RuleCredit(rule, month, null, null, Cents(amount), amount < uncapped), amount);
            }
            case CreditRule.ComplianceTiers:
            {
                var tier = rule.TierFor(month.Compliance);
                var percent = tier?.CreditPercent ?? 0m;
                var amount = fee * percent / 100m;
                return (new RuleCredit(rule, month, percent, tier, Cents(amount), false), amount);
            }
            default:
            {
                var uncapped = month.Breached * (rule.PercentOfMonthlyFeePerBreach ?? 0m);
                var percent = Math.Min(uncapped, rule.CapPercent ?? uncapped);
                var amount = fee * percent / 100m;
                return (new RuleCredit(rule, month, percent, null, Cents(amount), percent < uncapped), amount);
            }
        }
    }

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
