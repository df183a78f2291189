using FluentValidation;
using Mediator;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Customers;
using SlaApi.Application.Policies;

namespace SlaApi.Application.Agreements.ReviseAgreement;

public sealed record ReviseAgreementCommand(
    Guid Id,
    int ExpectedVersion,
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

public sealed class ReviseAgreementValidator : AgreementDefinitionValidator<ReviseAgreementCommand>
{
    public ReviseAgreementValidator(ICustomerRepository customers, ISlaPolicyRepository policies)
        : base(customers, policies) => RuleFor(c => c.ExpectedVersion).GreaterThanOrEqualTo(1).OverridePropertyName("If-Match");
}

public sealed class ReviseAgreementHandler(IAgreementRepository agreements, TimeProvider time)
    : ICommandHandler<ReviseAgreementCommand, AgreementDto>
{
    public async ValueTask<AgreementDto> Handle(ReviseAgreementCommand command, CancellationToken ct)
    {
        await agreements.LockCustomerAsync(command.CustomerId, ct);
        var current = await agreements.GetAsync(command.Id, null, ct) ?? throw new NotFoundException("Agreement", command.Id);
        if (current.Version != command.ExpectedVersion)
            throw new PreconditionFailedException("Agreement", command.Id, command.ExpectedVersion, current.Version);

        var others = await agreements.ListForCustomerAsync(current.CustomerId, ct);
        var revised = current.Revise(command.CustomerId, command.ToTerms(), others, time.GetUtcNow());
        if (!await agreements.AddVersionAsync(revised, ct))
            throw new PreconditionFailedException("Agreement", command.Id, command.ExpectedVersion, revised.Version);
        return AgreementDto.From(revised);
    }
}
