using FluentValidation;
using Mediator;
using SlaApi.Application.Common.Validation;
using SlaApi.Domain.Common;
using SlaApi.Domain.Customers;

namespace SlaApi.Application.Customers.RegisterCustomer;

public sealed record RegisterCustomerCommand(string Name, IReadOnlyList<ExternalRefDto>? ExternalRefs) : ICommand<CustomerDto>;

public sealed class RegisterCustomerValidator : AbstractValidator<RegisterCustomerCommand>
{
    public RegisterCustomerValidator()
    {
        RuleFor(c => c.Name).ValidName(Customer.NameMaxLength);
        RuleFor(c => c.ExternalRefs).Must(r => r is null || r.Count <= Customer.MaxExternalRefs)
            .WithMessage($"A customer may have at most {Customer.MaxExternalRefs} external references.");
        RuleForEach(c => c.ExternalRefs).PresentItem().ChildRules(r =>
        {
            r.RuleFor(x => x.Source).SourceName(ExternalRef.SourceMaxLength);
            r.RuleFor(x => x.Id).NotEmpty().MaximumLength(ExternalRef.IdMaxLength);
        });
    }
}

public sealed class RegisterCustomerHandler(ICustomerRepository customers, TimeProvider time) : ICommandHandler<RegisterCustomerCommand, CustomerDto>
{
    public async ValueTask<CustomerDto> Handle(RegisterCustomerCommand command, CancellationToken ct)
    {
        var customer = Customer.Register(command.Name, (command.ExternalRefs ?? []).Select(r => new ExternalRef(r.Source, r.Id)), time.GetUtcNow());
        foreach (var externalRef in customer.ExternalRefs)
        {
            if (await customers.FindByExternalRefAsync(externalRef, ct) is { } holder)
                throw ExternalRefTaken(externalRef, holder.Id);
        }
        await customers.AddAsync(customer, ct);
        return CustomerDto.From(customer);
    }

    public static BusinessRuleException ExternalRefTaken(ExternalRef externalRef, Guid? holderId) => new(
        "customer.external-ref-taken",
        $"The reference {externalRef.Source}/{externalRef.Id} already belongs to another customer.",
        new Dictionary<string, object?> { ["conflictingCustomerId"] = holderId });
}
