using SlaApi.Application.Agreements;
using SlaApi.Application.Agreements.ConcludeAgreement;
using SlaApi.Application.Agreements.ReviseAgreement;

namespace SlaApi.Api.Contracts.V1;

/// <summary>An agreement binding a customer to a policy for a term, with its fee and service-credit rules.</summary>
/// <param name="CustomerId">The customer; an agreement never moves to another one.</param>
/// <param name="PolicyId">The policy whose targets apply.</param>
/// <param name="Name">1 to 200 characters.</param>
/// <param name="EffectiveFrom">Start of the term, RFC 3339 with offset.</param>
/// <param name="EffectiveTo">End of the term (exclusive); open-ended when absent.</param>
/// <param name="RenewalDate">The date the agreement comes up for renewal.</param>
/// <param name="CoveredServices">Service codes covered; empty or absent covers every service.</param>
/// <param name="MonthlyFee">The monthly fee, amount and ISO 4217 currency.</param>
/// <param name="CreditRules">Service credits per breach, as a percentage of the monthly fee, capped per month.</param>
public sealed record AgreementRequest(
    Guid CustomerId,
    Guid PolicyId,
    string Name,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset? EffectiveTo,
    DateOnly? RenewalDate,
    IReadOnlyList<string>? CoveredServices,
    MoneyDto MonthlyFee,
    IReadOnlyList<CreditRuleDto>? CreditRules)
{
    public ConcludeAgreementCommand ToConcludeCommand() =>
        new(CustomerId, PolicyId, Name, EffectiveFrom, EffectiveTo, RenewalDate, CoveredServices, MonthlyFee, CreditRules);

    public ReviseAgreementCommand ToReviseCommand(Guid id, int expectedVersion) =>
        new(id, expectedVersion, CustomerId, PolicyId, Name, EffectiveFrom, EffectiveTo, RenewalDate, CoveredServices, MonthlyFee, CreditRules);
}
