using FluentValidation;
using Mediator;
using SlaApi.Domain.Common;
using SlaApi.Application.Access;
using SlaApi.Application.Customers;
using SlaApi.Domain.Alerts;

namespace SlaApi.Application.Webhooks.CreateWebhook;

/// <param name="CustomerId">Only this customer's alerts; a customer-bound key may name its own customer only, and gets it when it names none.</param>
public sealed record CreateWebhookCommand(
    string Url, IReadOnlyList<string> Types, Guid? CustomerId, bool? OnlyDuringCoverage, int? RenewalDays) : ICommand<WebhookWithSecretDto>;

public sealed class CreateWebhookValidator : AbstractValidator<CreateWebhookCommand>
{
    public CreateWebhookValidator(ICustomerRepository customers, ICallerContext caller, IWebhookUrlPolicy urls)
    {
        RuleFor(c => c.Url).NotEmpty().MaximumLength(WebhookSubscription.UrlMaxLength)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out _)).WithMessage("'url' must be an absolute URL.")
            .Custom((url, context) =>
            {
                if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && urls.Refusal(uri) is { } refusal)
                    context.AddFailure("url", refusal);
            });
        RuleFor(c => c.Types).NotEmpty()
            .Must(t => t.Distinct().Count() == t.Count).WithMessage("Each type may be listed once.");
        RuleForEach(c => c.Types).Must(t => AlertTypes.All.Contains(t))
            .WithMessage($"'{{PropertyValue}}' is not an alert type; types are {string.Join(", ", AlertTypes.All)}.");
        RuleFor(c => c.RenewalDays).InclusiveBetween(1, WebhookSubscription.MaxRenewalDays);
        RuleFor(c => c.CustomerId)
            .Must(id => caller.CanSee(id!.Value)).When(c => c.CustomerId is not null)
            .WithMessage("A customer-bound key subscribes to its own customer's alerts only.");
        RuleFor(c => c.CustomerId)
            .MustAsync((id, ct) => customers.ExistsAsync(id!.Value, ct)).When(c => c.CustomerId is not null && caller.CanSee(c.CustomerId.Value))
            .WithMessage(c => $"Customer '{c.CustomerId}' does not exist.");
    }
}

public sealed class CreateWebhookHandler(IWebhookRepository webhooks, ICallerContext caller, TimeProvider time)
    : ICommandHandler<CreateWebhookCommand, WebhookWithSecretDto>
{
    public async ValueTask<WebhookWithSecretDto> Handle(CreateWebhookCommand command, CancellationToken ct)
    {
        var customerId = command.CustomerId ?? caller.CustomerScope;
        if (await webhooks.CountAsync(customerId, ct) >= WebhookSubscription.MaxPerCustomer)
            throw new BusinessRuleException("webhook.too-many",
                $"At most {WebhookSubscription.MaxPerCustomer} subscriptions per customer (and as many for every customer); delete one first.");
        var subscription = WebhookSubscription.Subscribe(command.Url, command.Types, customerId,
            command.OnlyDuringCoverage ?? false, command.RenewalDays, time.GetUtcNow());
        await webhooks.AddAsync(subscription, ct);
        return new WebhookWithSecretDto(WebhookDto.From(subscription), subscription.Secret);
    }
}
