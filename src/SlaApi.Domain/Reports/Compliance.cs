namespace SlaApi.Domain.Reports;

/// <summary>
/// The one compliance rule of every report and credit (sla-semantics §6): met / (met + breached) × 100, to two decimals,
/// halves away from zero as people round (1 met of 800 is 0.13 %); null when no clock counted.
/// </summary>
public static class Compliance
{
    public static decimal? Percent(long met, long breached) =>
        met + breached == 0 ? null : Math.Round(met * 100m / (met + breached), 2, MidpointRounding.AwayFromZero);
}
