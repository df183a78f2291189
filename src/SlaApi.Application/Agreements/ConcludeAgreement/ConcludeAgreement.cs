using Mediator;
using SlaApi.Application.Customers;
using SlaApi.Application.Policies;
using SlaApi.Domain.Agreements;

namespace SlaApi.Application.Agreements.ConcludeAgreement;

public sealed record ConcludeAgreementCommand(
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
    string? PaymentMethod) : ICommand<AgreementDto>, IAgreementDefinition;

public sealed class ConcludeAgreementValidator(ICustomerRepository customers, ISlaPolicyRepository policies)
    : AgreementDefinitionValidator<ConcludeAgreementCommand>(customers, policies);

public sealed class ConcludeAgreementHandler(IAgreementRepository agreements, TimeProvider time)
    : ICommandHandler<ConcludeAgreementCommand, AgreementDto>
{
    public async ValueTask<AgreementDto> Handle(ConcludeAgreementCommand command, CancellationToken ct)
    {
        await agreements.LockCustomerAsync(command.CustomerId, ct);
        var others = await agreements.ListForCustomerAsync(command.CustomerId, ct);
        var agreement = Agreement.Conclude(command.CustomerId, command.ToTerms(), others, time.GetUtcNow());
        await agreements.AddAsync(agreement, ct);
        return AgreementDto.From(agreement);
    }
}
