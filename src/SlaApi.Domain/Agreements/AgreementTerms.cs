namespace SlaApi.Domain.Agreements;

/// <summary>What a customer and the MSP agreed: the policy, the term, what it covers and what it costs.</summary>
public sealed record AgreementTerms(
    Guid PolicyId,
    string Name,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset? EffectiveTo,
    DateOnly? RenewalDate,
    IReadOnlyList<string> CoveredServices,
    Money MonthlyFee,
    IReadOnlyList<CreditRule> CreditRules)
{
    /// <summary>An empty list of covered services covers every service.</summary>
    public bool CoversEveryService => CoveredServices.Count == 0;

    public bool OverlapsInTime(AgreementTerms other) =>
        (other.EffectiveTo is null || EffectiveFrom < other.EffectiveTo) &&
        (EffectiveTo is null || other.EffectiveFrom < EffectiveTo);

    public bool SharesAService(AgreementTerms other) =>
        CoversEveryService || other.CoversEveryService ||
        CoveredServices.Intersect(other.CoveredServices, StringComparer.Ordinal).Any();
}
