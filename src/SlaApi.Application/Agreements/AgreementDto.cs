using SlaApi.Domain.Agreements;

namespace SlaApi.Application.Agreements;

public sealed record MoneyDto(decimal Amount, string Currency);

/// <summary>A month whose compliance is below <see cref="BelowPercent"/> earns <see cref="CreditPercent"/> of the monthly fee.</summary>
public sealed record ComplianceTierDto(decimal BelowPercent, decimal CreditPercent);

/// <summary>
/// A service credit of one metric per month. <see cref="Kind"/> "percent-per-breach" (the default) earns
/// <see cref="PercentOfMonthlyFeePerBreach"/> per breach up to <see cref="CapPercent"/>; "amount-per-breach" earns
/// <see cref="AmountPerBreach"/> in the fee's currency per breach, up to <see cref="CapAmount"/> if given;
/// "compliance-tier" earns the credit of the tier with the lowest threshold the month's compliance is below.
/// </summary>
public sealed record CreditRuleDto(
    string Metric,
    string? Kind,
    decimal? PercentOfMonthlyFeePerBreach,
    decimal? CapPercent,
    decimal? AmountPerBreach,
    decimal? CapAmount,
    IReadOnlyList<ComplianceTierDto>? Tiers)
{
    public CreditRule ToRule() => new(Metric, PercentOfMonthlyFeePerBreach, CapPercent, Kind, AmountPerBreach, CapAmount,
        Tiers?.Select(t => new ComplianceTier(t.BelowPercent, t.CreditPercent)).ToArray());

    public static CreditRuleDto From(CreditRule rule) => new(rule.Metric, rule.Kind, rule.PercentOfMonthlyFeePerBreach, rule.CapPercent,
        rule.AmountPerBreach, rule.CapAmount, rule.Tiers?.Select(t => new ComplianceTierDto(t.BelowPercent, t.CreditPercent)).ToArray());
}

/// <param name="Level">1 is called first; the next level when the one before does not answer.</param>
public sealed record EscalationContactDto(int Level, string Name, string? Role, string? Email, string? Phone);


public sealed record AgreementDto(
    Guid Id,
    int Version,
    Guid CustomerId,
    Guid PolicyId,
    string Name,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset? EffectiveTo,
    DateOnly? RenewalDate,
    IReadOnlyList<string> CoveredServices,
    MoneyDto MonthlyFee,
    IReadOnlyList<CreditRuleDto> CreditRules,
    decimal? CreditCapPercent,
    string? TimeZone,
    string? ResponseTier,
    IReadOnlyList<string> Exclusions,
    IReadOnlyList<string> CustomerResponsibilities,
    IReadOnlyList<EscalationContactDto> EscalationContacts,
    string? PaymentFrequency,
    int? PaymentDueDays,
    string? PaymentMethod,
    DateTimeOffset VersionEffectiveFrom)
{
    public static AgreementDto From(Agreement agreement)
    {
        var terms = agreement.Terms;
        var clauses = terms.Clauses ?? AgreementClauses.None;
        return new AgreementDto(
            agreement.Id,
            agreement.Version,
            agreement.CustomerId,
            terms.PolicyId,
            terms.Name,
            terms.EffectiveFrom,
            terms.EffectiveTo,
            terms.RenewalDate,
            terms.CoveredServices,
            new MoneyDto(terms.MonthlyFee.Amount, terms.MonthlyFee.Currency),
            terms.CreditRules.Select(CreditRuleDto.From).ToArray(),
            terms.CreditCapPercent,
            terms.TimeZone,
            terms.ResponseTier,
            clauses.Exclusions,
            clauses.CustomerResponsibilities,
            clauses.EscalationContacts.Select(c => new EscalationContactDto(c.Level, c.Name, c.Role, c.Email, c.Phone)).ToArray(),
            clauses.PaymentSchedule?.Frequency,
            clauses.PaymentSchedule?.DueDays,
            clauses.PaymentSchedule?.Method,
            agreement.VersionEffectiveFrom);
    }
}
