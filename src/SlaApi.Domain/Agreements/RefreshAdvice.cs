using NodaTime;
using SlaApi.Domain.Teams;

namespace SlaApi.Domain.Agreements;

/// <summary>What an agreement did in one month: its clocks that settled, and the disputes raised on its incidents.</summary>
public sealed record AgreementMonth(YearMonth Month, long Met, long Breached, long Disputes)
{
    public decimal? Compliance => new MetricMonth(Met, Breached).Compliance;
}

/// <param name="UnboundServices">Services of the customer's incidents that no agreement covered, with their counts.</param>
/// <param name="MeanPercentOfTarget">The mean share of its target a stopped clock used, over the window; null without one.</param>
public sealed record AgreementRecord(
    IReadOnlyList<AgreementMonth> Months, IReadOnlyDictionary<string, long> UnboundServices, decimal? MeanPercentOfTarget, long StoppedClocks);

/// <param name="ComplianceBelow">A month under this compliance is struggling.</param>
/// <param name="MarginPercent">Over-delivering: every month met in full, clocks using on average at most 100 − this % of their target.</param>
/// <param name="WithinDays">The term's end or the renewal date is this near.</param>
public sealed record AdviceThresholds(decimal ComplianceBelow, decimal MarginPercent, int WithinDays)
{
    public const int DisputesRisingAtLeast = 2;
}

public sealed record AdviceReason(string Code, string Summary);

/// <summary>
/// Why an agreement needs rewriting (sla-semantics §8 "Refresh advice"), the reasons the seed names, each decided from
/// its record over whole months: a service it does not cover, a team struggling to meet its targets, disputes on the
/// rise, targets met with a large margin (renegotiate), a term or renewal date near; and the OLAs along its policy's
/// escalation path not fitting inside its targets.
/// </summary>
public static class RefreshAdvice
{
    public const string NewService = "new-service";
    public const string Struggling = "struggling";
    public const string DisputesRising = "disputes-rising";
    public const string OverDelivering = "over-delivering";
    public const string TermEnding = "term-ending";

    /// <param name="olaWarnings">What the escalation check says of the policy the agreement is held to now.</param>
    public static IReadOnlyList<AdviceReason> For(
        Agreement agreement, AgreementRecord record, AdviceThresholds thresholds, IReadOnlyList<OlaWarning> olaWarnings, Instant now)
    {
        var reasons = new List<AdviceReason>();
        var terms = agreement.Terms;

        var uncovered = Uncovered(terms, record);
        if (uncovered.Count > 0)
            reasons.Add(new(NewService, $"Incidents for services the agreement does not cover: {string.Join(", ", uncovered.Select(s => $"{s.Key} ({s.Value})"))}."));

        var measured = record.Months.Where(m => m.Compliance is not null).ToArray();
        if (measured.LastOrDefault() is { } last && last.Compliance < thresholds.ComplianceBelow)
            reasons.Add(new(Struggling, $"Compliance in {last.Month:uuuu'-'MM} was {last.Compliance} %, below {thresholds.ComplianceBelow} %."));
        else if (measured.Length >= 2 && measured.Zip(measured.Skip(1)).All(p => p.Second.Compliance < p.First.Compliance))
            reasons.Add(new(Struggling, $"Compliance fell every month: {string.Join(" → ", measured.Select(m => $"{m.Compliance} %"))}."));

        if (record.Months.Count >= 2 && record.Months[^1] is { Disputes: >= AdviceThresholds.DisputesRisingAtLeast } latest
            && record.Months.SkipLast(1).All(m => m.Disputes < latest.Disputes))
            reasons.Add(new(DisputesRising, $"Disputes rose to {latest.Disputes} in {latest.Month:uuuu'-'MM}: {string.Join(", ", record.Months.Select(m => m.Disputes))} a month."));

        if (record.Months.Count > 0 && record.Months.All(m => m.Met > 0 && m.Breached == 0)
            && record.MeanPercentOfTarget is { } used && used <= 100m - thresholds.MarginPercent)
            reasons.Add(new(OverDelivering, $"Every target met for {record.Months.Count} months, clocks using {used} % of their target on average: the targets could be tighter or the fee revisited."));

        var horizon = now.Plus(Duration.FromDays(thresholds.WithinDays)).ToDateTimeOffset();
        if (terms.EffectiveTo is { } end && end > now.ToDateTimeOffset() && end <= horizon)
            reasons.Add(new(TermEnding, $"The term ends on {end:yyyy-MM-dd}."));
        else if (terms.RenewalDate is { } renewal && renewal >= DateOnly.FromDateTime(now.ToDateTimeUtc()) && renewal <= DateOnly.FromDateTime(horizon.UtcDateTime))
            reasons.Add(new(TermEnding, $"The agreement renews on {renewal:yyyy-MM-dd}."));

        if (olaWarnings.Count > 0)
            reasons.Add(new(EscalationCheck.OlaExceedsSla, $"The teams' OLAs do not fit inside the targets: {string.Join(" ", olaWarnings.Select(w => w.Detail))}"));
        return reasons;
    }

    /// <summary>The services no agreement covered that this one does not cover either, by name.</summary>
    public static IReadOnlyList<KeyValuePair<string, long>> Uncovered(AgreementTerms terms, AgreementRecord record) =>
        record.UnboundServices.Where(s => !terms.CoversEveryService && !terms.CoveredServices.Contains(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal).ToArray();
}
