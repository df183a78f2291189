namespace SlaApi.Domain.Agreements;

/// <summary>What a customer and the MSP agreed: the policy, the term, what it covers and what it costs.</summary>
/// <param name="TimeZone">The IANA zone of the agreement's months (credits) and dates; the report's zone when absent.</param>
/// <param name="CreditCapPercent">The month's credits together never exceed this share of the fee; the whole fee when absent.</param>
/// <param name="ResponseTier">The policy's priced response tier the agreement chose; the policy's own targets when absent.</param>
public sealed record AgreementTerms(
    Guid PolicyId,
    string Name,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset? EffectiveTo,
    DateOnly? RenewalDate,
    IReadOnlyList<string> CoveredServices,
    Money MonthlyFee,
    IReadOnlyList<CreditRule> CreditRules,
    string? TimeZone = null,
    decimal? CreditCapPercent = null,
    string? ResponseTier = null,
    AgreementClauses? Clauses = null)
{
    /// <summary>What the customer pays a month: the fee and the surcharge of its response tier, to the cent.</summary>
    public decimal MonthlyChargeWith(decimal surchargePercent) =>
        surchargePercent == 0m ? MonthlyFee.Amount : Math.Round(MonthlyFee.Amount * (100m + surchargePercent) / 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>An empty list of covered services covers every service.</summary>
    public bool CoversEveryService => CoveredServices.Count == 0;

    public bool OverlapsInTime(AgreementTerms other) =>
        (other.EffectiveTo is null || EffectiveFrom < other.EffectiveTo) &&
        (EffectiveTo is null || other.EffectiveFrom < EffectiveTo);

    public bool SharesAService(AgreementTerms other) =>
        CoversEveryService || other.CoversEveryService ||
        CoveredServices.Intersect(other.CoveredServices, StringComparer.Ordinal).Any();
}

/// <summary>What the SLA document says besides targets and money; every part optional.</summary>
public sealed record AgreementClauses(
    IReadOnlyList<string> Exclusions,
    IReadOnlyList<string> CustomerResponsibilities,
    IReadOnlyList<EscalationContact> EscalationContacts,
    PaymentSchedule? PaymentSchedule)
{
    public static readonly AgreementClauses None = new([], [], [], null);
}

/// <param name="Level">1 is the first to call; a higher level is called when the one before does not answer.</param>
public sealed record EscalationContact(int Level, string Name, string? Role, string? Email, string? Phone);

/// <param name="Frequency">monthly, quarterly or annually.</param>
/// <param name="DueDays">Days after the invoice date that payment is due.</param>
public sealed record PaymentSchedule(string Frequency, int DueDays, string? Method)
{
    public static readonly IReadOnlyList<string> Frequencies = ["monthly", "quarterly", "annually"];
}
