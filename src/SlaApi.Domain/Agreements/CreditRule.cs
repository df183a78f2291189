using SlaApi.Domain.Incidents;

namespace SlaApi.Domain.Agreements;

/// <summary>
/// A service credit of one metric for one month (sla-semantics §8 "Credits"). Three kinds, as contracts write them:
/// a percentage of the monthly fee per breach, capped in percent; a fixed amount per breach, optionally capped in the
/// fee's currency; or the percentage of the first tier the month's compliance falls below.
/// </summary>
public sealed record CreditRule(
    string Metric,
    decimal? PercentOfMonthlyFeePerBreach,
    decimal? CapPercent,
    string? Kind = null,
    decimal? AmountPerBreach = null,
    decimal? CapAmount = null,
    IReadOnlyList<ComplianceTier>? Tiers = null)
{
    public const string PercentPerBreach = "percent-per-breach";
    public const string FixedPerBreach = "amount-per-breach";
    public const string ComplianceTiers = "compliance-tier";

    public static readonly IReadOnlyList<string> Metrics = ClockMetrics.Names;

    public static readonly IReadOnlyList<string> Kinds = [PercentPerBreach, FixedPerBreach, ComplianceTiers];

    /// <summary>Rules written before kinds existed are percentages per breach.</summary>
    public string Kind { get; init; } = Kind ?? PercentPerBreach;

    /// <summary>The tier a month's compliance falls into: the one with the lowest threshold still above it.</summary>
    public ComplianceTier? TierFor(decimal? compliance) =>
        compliance is { } value
            ? (Tiers ?? []).Where(t => value < t.BelowPercent).OrderBy(t => t.BelowPercent).FirstOrDefault()
            : null;
}

/// <summary>A month whose compliance is below <see cref="BelowPercent"/> earns <see cref="CreditPercent"/> of the monthly fee.</summary>
public sealed record ComplianceTier(decimal BelowPercent, decimal CreditPercent);
