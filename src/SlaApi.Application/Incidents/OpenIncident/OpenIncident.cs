using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Common.Validation;
using SlaApi.Application.Customers;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Common;
using SlaApi.Domain.Customers;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Policies;

namespace SlaApi.Application.Incidents.OpenIncident;

/// <summary>Opens an incident, or recognises one already opened with the same (source, externalId).</summary>
public sealed record OpenIncidentCommand(
    string Source,
    string ExternalId,
    Guid? CustomerId,
    ExternalRefDto? CustomerRef,
    string Title,
    int Priority,
    string? ServiceCode,
    string? Status,
    DateTimeOffset OpenedAt) : ICommand<OpenedIncident>;

/// <param name="Created">False when the same incident had been opened before.</param>
public sealed record OpenedIncident(IncidentDto Incident, bool Created);

public sealed class OpenIncidentValidator : AbstractValidator<OpenIncidentCommand>
{
    public OpenIncidentValidator()
    {
        RuleFor(c => c.Source).SourceName(ExternalRef.SourceMaxLength);
        RuleFor(c => c.ExternalId).NotEmpty().MaximumLength(ExternalRef.IdMaxLength);
        RuleFor(c => c.CustomerId).NotNull().When(c => c.CustomerRef is null).WithMessage("Give 'customerId' or 'customerRef'.");
        RuleFor(c => c.CustomerRef).Null().When(c => c.CustomerId is not null).WithMessage("Give 'customerId' or 'customerRef', not both.");
        RuleFor(c => c.CustomerRef!.Source).SourceName(ExternalRef.SourceMaxLength).When(c => c.CustomerRef is not null);
        RuleFor(c => c.CustomerRef!.Id).NotEmpty().MaximumLength(ExternalRef.IdMaxLength).When(c => c.CustomerRef is not null);
        RuleFor(c => c.Title).NotEmpty().MaximumLength(Incident.TitleMaxLength);
        RuleFor(c => c.Priority).InclusiveBetween(PriorityTarget.HighestPriority, PriorityTarget.LowestPriority);
        RuleFor(c => c.ServiceCode!).Code(Agreement.ServiceCodeMaxLength).When(c => c.ServiceCode is not null);
        RuleFor(c => c.Status!).Code(50).When(c => c.Status is not null);
        RuleFor(c => c.OpenedAt).SupportedInstant();
    }
}

public sealed class OpenIncidentHandler(ICustomerRepository customers, IncidentOpener opener, ICallerContext caller)
    : ICommandHandler<OpenIncidentCommand, OpenedIncident>
{
    public async ValueTask<OpenedIncident> Handle(OpenIncidentCommand command, CancellationToken ct)
    {
        var customerId = await ResolveCustomerAsync(command, ct);
        var openedAt = Instant.FromDateTimeOffset(command.OpenedAt);
        var opened = await opener.OpenAsync(customerId, command.Source, command.ExternalId, command.Title, command.Priority,
            command.ServiceCode, command.Status, openedAt, ct);
        if (!opened.Created && !opened.Incident.IsSameOpening(customerId, openedAt))
        {
            throw new BusinessRuleException("incident.ref-taken",
                $"{opened.Incident.Source}/{opened.Incident.ExternalId} was opened already at another time.",
                new Dictionary<string, object?> { ["conflictingIncidentId"] = opened.Incident.Id });
        }
        return new OpenedIncident(IncidentDto.From(opened.Incident, opened.Evaluation, opened.EvaluatedAt), opened.Created);
    }

    private async Task<Guid> ResolveCustomerAsync(OpenIncidentCommand command, CancellationToken ct)
    {
        var customer = command.CustomerId is { } id
            ? await customers.GetAsync(id, ct)
            : await customers.FindByExternalRefAsync(new ExternalRef(command.CustomerRef!.Source.Trim().ToLowerInvariant(), command.CustomerRef.Id.Trim()), ct);
        if (customer is null || !caller.CanSee(customer.Id))
        {
            throw RequestValidationException.For(command.CustomerId is null ? "customerRef" : "customerId", "No such customer.");
        }
        return customer.Id;
    }
}
