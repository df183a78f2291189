using FluentValidation;
using SlaApi.Application.Common.Validation;
using SlaApi.Application.Customers;
using SlaApi.Application.Policies;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Common;
using SlaApi.Domain.Policies;

namespace SlaApi.Application.Agreements;

/// <summary>The fields shared by the commands that conclude and revise an agreement.</summary>
public interface IAgreementDefinition
{
    Guid CustomerId { get; }

    Guid PolicyId { get; }

    string Name { get; }

    DateTimeOffset EffectiveFrom { get; }

    DateTimeOffset? EffectiveTo { get; }

    DateOnly? RenewalDate { get; }

    IReadOnlyList<string>? CoveredServices { get; }

    MoneyDto MonthlyFee { get; }

    IReadOnlyList<CreditRuleDto>? CreditRules { get; }

    decimal? CreditCapPercent { get; }

    string? TimeZone { get; }

    string? ResponseTier { get; }

    IReadOnlyList<string>? Exclusions { get; }

    IReadOnlyList<string>? CustomerResponsibilities { get; }

    IReadOnlyList<EscalationContactDto>? EscalationContacts { get; }

    string? PaymentFrequency { get; }

    int? PaymentDueDays { get; }

    string? PaymentMethod { get; }
}

public static class AgreementDefinitionExtensions
{
    public static AgreementTerms ToTerms(this IAgreementDefinition definition) => new(
        definition.PolicyId,
        definition.Name,
        definition.EffectiveFrom.ToUniversalTime(),
        definition.EffectiveTo?.ToUniversalTime(),
        definition.RenewalDate,
        definition.CoveredServices ?? [],
        new Money(definition.MonthlyFee.Amount, definition.MonthlyFee.Currency),
        (definition.CreditRules ?? []).Select(r => r.ToRule()).ToArray(),
        definition.TimeZone,
        definition.CreditCapPercent,
        definition.ResponseTier,
        new AgreementClauses(
            definition.Exclusions ?? [],
            definition.CustomerResponsibilities ?? [],
            (definition.EscalationContacts ?? []).Select(c => new EscalationContact(c.Level, c.Name.Trim(), c.Role, c.Email, c.Phone)).ToArray(),
            definition.PaymentFrequency is { } frequency
                ? new PaymentSchedule(frequency, definition.PaymentDueDays ?? 0, definition.PaymentMethod)
                : null));
}

public abstract class AgreementDefinitionValidator<T> : AbstractValidator<T>
    where T : IAgreementDefinition
{
    public const int MaxCoveredServices = 100;
    public const int MaxCreditRules = CreditRuleValidator.MaxRules;
    public const int MaxClauses = 50;
    public const int ClauseMaxLength = 1000;
    public const int MaxEscalationContacts = 10;

    protected AgreementDefinitionValidator(ICustomerRepository customers, ISlaPolicyRepository policies)
    {
        RuleFor(a => a.CustomerId).NotEmpty()
            .MustAsync((id, ct) => customers.ExistsAsync(id, ct)).WithMessage(a => $"Customer '{a.CustomerId}' does not exist.");
        RuleFor(a => a.PolicyId).NotEmpty()
            .MustAsync((id, ct) => policies.ExistsAsync(id, ct)).WithMessage(a => $"Policy '{a.PolicyId}' does not exist.");
        RuleFor(a => a.Name).ValidName(Agreement.NameMaxLength);
        RuleFor(a => a.EffectiveFrom).SupportedInstant();
        RuleFor(a => a.EffectiveTo).SupportedInstant();
        RuleFor(a => a.RenewalDate).Must(d => d is null || SupportedTime.ContainsYear(d.Value.Year))
            .WithMessage($"'renewalDate' must be a date {SupportedTime.DescribeYears()}.");
        RuleFor(a => a.EffectiveTo).GreaterThan(a => a.EffectiveFrom).WithMessage("'effectiveTo' must be after 'effectiveFrom'.");
        RuleFor(a => a.CoveredServices).Must(s => s is null || s.Count <= MaxCoveredServices)
            .WithMessage($"An agreement may list at most {MaxCoveredServices} services.");
        RuleForEach(a => a.CoveredServices).Code(Agreement.ServiceCodeMaxLength);
        RuleFor(a => a.MonthlyFee).NotNull().ChildRules(fee =>
        {
            fee.RuleFor(f => f.Amount).GreaterThanOrEqualTo(0).PrecisionScale(18, 4, ignoreTrailingZeros: true);
            fee.RuleFor(f => f.Currency).Must(Iso4217.IsKnown).WithMessage("'{PropertyValue}' is not an ISO 4217 currency code.");
        });
        RuleFor(a => a.CreditRules).Must(r => r is null || r.Count <= MaxCreditRules)
            .WithMessage($"An agreement may have at most {MaxCreditRules} credit rules.");
        RuleForEach(a => a.CreditRules).PresentItem().SetValidator(new CreditRuleValidator());
        RuleFor(a => a.CreditCapPercent).GreaterThan(0).LessThanOrEqualTo(100).PrecisionScale(9, 4, ignoreTrailingZeros: true);
        RuleFor(a => a.TimeZone!).KnownTimeZone().When(a => a.TimeZone is not null);
        RuleFor(a => a.ResponseTier!).Code(ResponseTier.NameMaxLength)
            .MustAsync(async (definition, tier, ct) => (await policies.GetAsync(definition.PolicyId, null, ct))?.TierNamed(tier) is not null)
            .WithMessage(a => $"Policy '{a.PolicyId}' offers no response tier '{a.ResponseTier}'.")
            .When(a => a.ResponseTier is not null);
        RuleFor(a => a.Exclusions).Must(e => e is null || e.Count <= MaxClauses).WithMessage($"At most {MaxClauses} exclusions.");
        RuleForEach(a => a.Exclusions).ValidName(ClauseMaxLength);
        RuleFor(a => a.CustomerResponsibilities).Must(e => e is null || e.Count <= MaxClauses).WithMessage($"At most {MaxClauses} customer responsibilities.");
        RuleForEach(a => a.CustomerResponsibilities).ValidName(ClauseMaxLength);
        RuleFor(a => a.EscalationContacts).Must(e => e is null || e.Count <= MaxEscalationContacts)
            .WithMessage($"At most {MaxEscalationContacts} escalation contacts.");
        RuleForEach(a => a.EscalationContacts).PresentItem().ChildRules(contact =>
        {
            contact.RuleFor(c => c.Level).InclusiveBetween(1, MaxEscalationContacts);
            contact.RuleFor(c => c.Name).ValidName(Agreement.NameMaxLength);
            contact.RuleFor(c => c.Role).MaximumLength(Agreement.NameMaxLength);
            contact.RuleFor(c => c.Email).MaximumLength(254).EmailAddress();
            contact.RuleFor(c => c.Phone).MaximumLength(50);
        });
        RuleFor(a => a.PaymentFrequency).Must(f => f is null || PaymentSchedule.Frequencies.Contains(f))
            .WithMessage($"'paymentFrequency' must be one of: {string.Join(", ", PaymentSchedule.Frequencies)}.");
        RuleFor(a => a.PaymentDueDays).NotNull().When(a => a.PaymentFrequency is not null)
            .WithMessage("'paymentDueDays' is required with a 'paymentFrequency'.");
        RuleFor(a => a.PaymentDueDays).InclusiveBetween(0, 365);
        RuleFor(a => a.PaymentDueDays).Null().When(a => a.PaymentFrequency is null)
            .WithMessage("'paymentDueDays' needs a 'paymentFrequency'.");
        RuleFor(a => a.PaymentMethod).MaximumLength(Agreement.NameMaxLength);
        RuleFor(a => a.PaymentMethod).Null().When(a => a.PaymentFrequency is null)
            .WithMessage("'paymentMethod' needs a 'paymentFrequency'.");
    }
}

/// <summary>Each kind of credit rule takes its own fields and refuses the others', so no field is silently ignored.</summary>
public sealed class CreditRuleValidator : AbstractValidator<CreditRuleDto>
{
    public const int MaxTiers = 10;
    public const int MaxRules = 10;

    public CreditRuleValidator()
    {
        RuleFor(r => r.Metric).Must(m => CreditRule.Metrics.Contains(m))
            .WithMessage($"'metric' must be one of: {string.Join(", ", CreditRule.Metrics)}.");
        RuleFor(r => r.Kind).Must(k => k is null || CreditRule.Kinds.Contains(k))
            .WithMessage($"'kind' must be one of: {string.Join(", ", CreditRule.Kinds)}.");

        When(r => (r.Kind ?? CreditRule.PercentPerBreach) == CreditRule.PercentPerBreach, () =>
        {
            RuleFor(r => r.PercentOfMonthlyFeePerBreach).NotNull().GreaterThan(0).LessThanOrEqualTo(100);
            RuleFor(r => r.CapPercent).NotNull().GreaterThan(0).LessThanOrEqualTo(100);
            RuleFor(r => r.AmountPerBreach).Null().WithMessage(NotFor(CreditRule.PercentPerBreach));
            RuleFor(r => r.CapAmount).Null().WithMessage(NotFor(CreditRule.PercentPerBreach));
            RuleFor(r => r.Tiers).Null().WithMessage(NotFor(CreditRule.PercentPerBreach));
        });
        When(r => r.Kind == CreditRule.FixedPerBreach, () =>
        {
            RuleFor(r => r.AmountPerBreach).NotNull().GreaterThan(0).PrecisionScale(18, 4, ignoreTrailingZeros: true);
            RuleFor(r => r.CapAmount).GreaterThan(0).PrecisionScale(18, 4, ignoreTrailingZeros: true);
            RuleFor(r => r.PercentOfMonthlyFeePerBreach).Null().WithMessage(NotFor(CreditRule.FixedPerBreach));
            RuleFor(r => r.CapPercent).Null().WithMessage(NotFor(CreditRule.FixedPerBreach));
            RuleFor(r => r.Tiers).Null().WithMessage(NotFor(CreditRule.FixedPerBreach));
        });
        When(r => r.Kind == CreditRule.ComplianceTiers, () =>
        {
            RuleFor(r => r.Tiers).NotEmpty()
                .Must(t => t!.Count <= MaxTiers)
                .WithMessage($"A rule may have at most {MaxTiers} tiers.")
                .Must(LowerComplianceEarnsMore!).WithMessage("Each tier needs its own 'belowPercent', and a lower one must earn a larger 'creditPercent'.");
            RuleForEach(r => r.Tiers).PresentItem().ChildRules(tier =>
            {
                tier.RuleFor(t => t.BelowPercent).GreaterThan(0).LessThanOrEqualTo(100).PrecisionScale(5, 2, ignoreTrailingZeros: true);
                tier.RuleFor(t => t.CreditPercent).GreaterThan(0).LessThanOrEqualTo(100).PrecisionScale(9, 4, ignoreTrailingZeros: true);
            });
            RuleFor(r => r.PercentOfMonthlyFeePerBreach).Null().WithMessage(NotFor(CreditRule.ComplianceTiers));
            RuleFor(r => r.CapPercent).Null().WithMessage(NotFor(CreditRule.ComplianceTiers));
            RuleFor(r => r.AmountPerBreach).Null().WithMessage(NotFor(CreditRule.ComplianceTiers));
            RuleFor(r => r.CapAmount).Null().WithMessage(NotFor(CreditRule.ComplianceTiers));
        });
    }

    private static bool LowerComplianceEarnsMore(IReadOnlyList<ComplianceTierDto> tiers)
    {
        var ordered = tiers.Where(t => t is not null).OrderByDescending(t => t.BelowPercent).ToArray();
        return ordered.Zip(ordered.Skip(1)).All(pair => pair.First.BelowPercent > pair.Second.BelowPercent && pair.First.CreditPercent < pair.Second.CreditPercent);
    }

    private static string NotFor(string kind) => $"'{{PropertyName}}' does not apply to a {kind} rule.";
}
