namespace SlaApi.Domain.Agreements;

/// <summary>The credit one rule earns in a month: min(breaches × percent, cap) of the fee.</summary>
/// <param name="Percent">The percentage of the monthly fee it earns, after its cap.</param>
public sealed record RuleCredit(CreditRule Rule, long Breaches, decimal Percent, decimal Amount, bool CapApplied);

/// <summary>
/// Service credits owed for one month of an agreement (sla-semantics §6): each rule earns its percentage of the
/// monthly fee per breach of its metric, up to its cap; together they never exceed the fee. Amounts are in the fee's
/// currency, rounded to cents, halves away from zero.
/// </summary>
public sealed record ServiceCredits(IReadOnlyList<RuleCredit> Rules, decimal Total, bool TotalCapApplied)
{
    public const decimal WholeFeePercent = 100m;

    /// <param name="breachesOf">The month's breaches of a metric ("response", "resolution", "update").</param>
    public static ServiceCredits For(AgreementTerms terms, Func<string, long> breachesOf)
    {
        var fee = terms.MonthlyFee.Amount;
        var rules = terms.CreditRules.Select(rule =>
        {
            var breaches = breachesOf(rule.Metric);
            var uncapped = breaches * rule.PercentOfMonthlyFeePerBreach;
            var percent = Math.Min(uncapped, rule.CapPercent);
            return new RuleCredit(rule, breaches, percent, Cents(fee * percent / 100m), uncapped > rule.CapPercent);
        }).ToArray();
        var totalPercent = rules.Sum(r => r.Percent);
        return new ServiceCredits(rules, Cents(fee * Math.Min(totalPercent, WholeFeePercent) / 100m), totalPercent > WholeFeePercent);
    }

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
