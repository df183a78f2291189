namespace SlaApi.Domain.Alerts;

/// <summary>What an alert reports (sla-semantics §7).</summary>
public static class AlertTypes
{
    public const string ThresholdReached = "clock.threshold-reached";
    public const string Breached = "clock.breached";
    public const string Met = "clock.met";
    public const string Unbound = "incident.unbound";
    public const string RenewalDue = "agreement.renewal-due";

    public static readonly IReadOnlyList<string> All = [ThresholdReached, Breached, Met, Unbound, RenewalDue];

    /// <summary>Warnings wait for the policy's calendar to open when a subscription asks; the rest go at once.</summary>
    public static bool IsWarning(string type) => type == ThresholdReached;
}
