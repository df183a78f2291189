using FluentValidation;
using SlaApi.Application.Common.Validation;
using SlaApi.Application.Customers;
using SlaApi.Application.Policies;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Common;

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
        (definition.CreditRules ?? []).Select(r => new CreditRule(r.Metric, r.PercentOfMonthlyFeePerBreach, r.CapPercent)).ToArray());
}

public abstract class AgreementDefinitionValidator<T> : AbstractValidator<T>
    where T : IAgreementDefinition
{
    public const int MaxCoveredServices = 100;
    public const int MaxCreditRules = 10;

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
        RuleForEach(a => a.CreditRules).PresentItem().ChildRules(rule =>
        {
            rule.RuleFor(r => r.Metric).Must(m => CreditRule.Metrics.Contains(m))
                .WithMessage($"'metric' must be one of: {string.Join(", ", CreditRule.Metrics)}.");
            rule.RuleFor(r => r.PercentOfMonthlyFeePerBreach).GreaterThan(0).LessThanOrEqualTo(100);
            rule.RuleFor(r => r.CapPercent).GreaterThan(0).LessThanOrEqualTo(100);
        });
    }
}
