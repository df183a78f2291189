using FluentValidation;
using Mediator;
using SlaApi.Application.Customers;
using SlaApi.Application.Common.Validation;
using SlaApi.Domain.Access;

namespace SlaApi.Application.Access.CreateApiKey;

public sealed record CreateApiKeyCommand(string Name, IReadOnlyList<string> Scopes, Guid? CustomerId, DateTimeOffset? ExpiresAt)
    : ICommand<IssuedApiKeyDto>;

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyValidator(ICustomerRepository customers, TimeProvider time)
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(ApiKey.NameMaxLength);
        RuleFor(c => c.Scopes).NotEmpty()
            .Must(s => s.Distinct().Count() == s.Count).WithMessage("Each scope may be listed once.");
        RuleForEach(c => c.Scopes).Must(s => Domain.Access.Scopes.All.Contains(s))
            .WithMessage($"'{{PropertyValue}}' is not a scope; scopes are {string.Join(", ", Domain.Access.Scopes.All)}.");
        RuleFor(c => c.Scopes)
            .Must(s => !s.Intersect(Domain.Access.Scopes.AcrossCustomers).Any())
            .When(c => c.CustomerId is not null && c.Scopes is not null)
            .WithMessage("A key bound to a customer cannot hold admin, definitions:write or connections:write.");
        RuleFor(c => c.CustomerId)
            .MustAsync((id, ct) => customers.ExistsAsync(id!.Value, ct))
            .When(c => c.CustomerId is not null)
            .WithMessage(c => $"Customer '{c.CustomerId}' does not exist.");
        RuleFor(c => c.ExpiresAt).SupportedInstant();
        RuleFor(c => c.ExpiresAt).GreaterThan(_ => time.GetUtcNow()).WithMessage("'expiresAt' must be in the future.");
    }
}

public sealed class CreateApiKeyHandler(IApiKeyRepository keys, TimeProvider time) : ICommandHandler<CreateApiKeyCommand, IssuedApiKeyDto>
{
    public async ValueTask<IssuedApiKeyDto> Handle(CreateApiKeyCommand command, CancellationToken ct)
    {
        var (key, text) = ApiKey.Issue(command.Name, command.Scopes, command.CustomerId, command.ExpiresAt, time.GetUtcNow());
        await keys.AddAsync(key, ct);
        return new IssuedApiKeyDto(text, ApiKeyDto.From(key));
    }
}
