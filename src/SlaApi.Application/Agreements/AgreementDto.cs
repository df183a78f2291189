using SlaApi.Domain.Agreements;

namespace SlaApi.Application.Agreements;

public sealed record MoneyDto(decimal Amount, string Currency);

/// <summary>Per breach of <see cref="Metric"/> ("response" or "resolution"), a percentage of the monthly fee, capped per month.</summary>
public sealed record CreditRuleDto(string Metric, decimal PercentOfMonthlyFeePerBreach, decimal CapPercent);

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
    DateTimeOffset VersionEffectiveFrom)
{
    public static AgreementDto From(Agreement agreement)
    {
        var terms = agreement.Terms;
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
            terms.CreditRules.Select(r => new CreditRuleDto(r.Metric, r.PercentOfMonthlyFeePerBreach, r.CapPercent)).ToArray(),
            agreement.VersionEffectiveFrom);
    }
}
