namespace SlaApi.Domain.Reports;

/// <summary>
/// The pause rules of the pause report (docs/sla-semantics.md §8 "Pause report"): the share of a clock's business time
/// it spent paused, and which customers pause far more than the portfolio does.
/// </summary>
public static class PauseShare
{
    /// <summary>paused / (counted + paused) × 100, to two decimals, halves away from zero; null when no time was measured.</summary>
    public static decimal? Of(long countedSeconds, long pausedSeconds) => PercentOf(pausedSeconds, countedSeconds + pausedSeconds);

    /// <summary>part / whole × 100, rounded as <see cref="Of"/>; null for no whole.</summary>
    public static decimal? PercentOf(long part, long whole) =>
        whole == 0 ? null : Math.Round(part * 100m / whole, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The modified z-score of Iglewicz and Hoaglin: (x − median) / (MAD / 0.6745), where MAD is the median absolute
/// deviation from the median. One extreme customer moves neither the median nor the MAD, as it would a mean and a
/// standard deviation. When at least half the values sit on the median (MAD = 0) the scale is the mean absolute deviation
/// × 1.253314 instead; with fewer than three values, or no spread at all, nobody is scored.
/// </summary>
public sealed record ModifiedZScore(double Median, double Scale)
{
    public const string Name = "modified z-score (Iglewicz–Hoaglin): 0.6745 × (share − median) / MAD";

    /// <summary>Scores above it are outliers, as Iglewicz and Hoaglin recommend.</summary>
    public const double OutlierAbove = 3.5;

    public const int MinimumValues = 3;

    public static ModifiedZScore? Of(IReadOnlyCollection<double> values)
    {
        if (values.Count < MinimumValues)
            return null;
        var median = MedianOf(values);
        var deviations = values.Select(v => Math.Abs(v - median)).ToArray();
        var mad = MedianOf(deviations);
        var scale = mad > 0 ? mad / 0.6745 : deviations.Average() * 1.253314;
        return scale > 0 ? new ModifiedZScore(median, scale) : null;
    }

    public double Score(double value) => (value - Median) / Scale;

    public bool IsOutlier(double value) => Score(value) > OutlierAbove;

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
