namespace SlaApi.Domain.Agreements;

/// <summary>A service credit: a percentage of the monthly fee per breach of <see cref="Metric"/>, capped per month.</summary>
public sealed record CreditRule(string Metric, decimal PercentOfMonthlyFeePerBreach, decimal CapPercent)
{
    public static readonly IReadOnlyList<string> Metrics = ["response", "resolution"];
}
