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
/// <param name="CreditRules">Service credits of a metric per month: a percentage of the fee or an amount per breach, or tiers by compliance (at most 10).</param>
/// <param name="CreditCapPercent">The month's credits together never exceed this share of the fee; 100 when absent.</param>
/// <param name="TimeZone">IANA zone of the agreement's months (credits) and dates; the report's zone when absent.</param>
/// <param name="ResponseTier">A response tier the policy offers (e.g. "premium"): its targets and surcharge apply.</param>
/// <param name="Exclusions">What the agreement does not cover, one clause each (at most 50).</param>
/// <param name="CustomerResponsibilities">What the customer undertakes, one clause each (at most 50).</param>
/// <param name="EscalationContacts">Who to call, by level (at most 10).</param>
/// <param name="PaymentFrequency">How often the fee is invoiced: monthly, quarterly or annually.</param>
/// <param name="PaymentDueDays">Days after the invoice that payment is due (0 to 365); required with a frequency.</param>
/// <param name="PaymentMethod">How the customer pays, e.g. "direct debit"; only with a frequency.</param>
public sealed record AgreementRequest(
    Guid CustomerId,
    Guid PolicyId,
    string Name,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset? EffectiveTo,
    DateOnly? RenewalDate,
    IReadOnlyList<string>? CoveredServices,
    MoneyDto MonthlyFee,
    IReadOnlyList<CreditRuleDto>? CreditRules,
    decimal? CreditCapPercent,
    string? TimeZone,
    string? ResponseTier,
    IReadOnlyList<string>? Exclusions,
    IReadOnlyList<string>? CustomerResponsibilities,
    IReadOnlyList<EscalationContactDto>? EscalationContacts,
    string? PaymentFrequency,
    int? PaymentDueDays,
    string? PaymentMethod)
{
    public ConcludeAgreementCommand ToConcludeCommand() =>
        new(CustomerId, PolicyId, Name, EffectiveFrom, EffectiveTo, RenewalDate, CoveredServices, MonthlyFee, CreditRules,
            CreditCapPercent, TimeZone, ResponseTier, Exclusions, CustomerResponsibilities, EscalationContacts, PaymentFrequency, PaymentDueDays, PaymentMethod);

    public ReviseAgreementCommand ToReviseCommand(Guid id, int expectedVersion) =>
        new(id, expectedVersion, CustomerId, PolicyId, Name, EffectiveFrom, EffectiveTo, RenewalDate, CoveredServices, MonthlyFee, CreditRules,
            CreditCapPercent, TimeZone, ResponseTier, Exclusions, CustomerResponsibilities, EscalationContacts, PaymentFrequency, PaymentDueDays, PaymentMethod);
}
