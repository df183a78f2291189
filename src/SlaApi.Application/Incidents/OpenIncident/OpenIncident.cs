using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Agreements;
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

public sealed class OpenIncidentHandler(
    IIncidentRepository incidents, ICustomerRepository customers, IAgreementRepository agreements,
    BoundSlaProvider slas, ICallerContext caller, TimeProvider time)
    : ICommandHandler<OpenIncidentCommand, OpenedIncident>
{
    public async ValueTask<OpenedIncident> Handle(OpenIncidentCommand command, CancellationToken ct)
    {
        var customerId = await ResolveCustomerAsync(command, ct);
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var openedAt = Instant.FromDateTimeOffset(command.OpenedAt);

        if (await incidents.FindByRefAsync(customerId, command.Source.Trim().ToLowerInvariant(), command.ExternalId.Trim(), ct) is { } existing)
            return new OpenedIncident(await SameOpeningAsync(existing, customerId, openedAt, now, ct), Created: false);

        var (binding, unboundReason) = await BindAsync(customerId, command.ServiceCode, command.OpenedAt, ct);
        var incident = Incident.Open(command.Source, command.ExternalId, customerId, command.Title, command.Priority,
            command.ServiceCode, command.Status, openedAt, binding, unboundReason, now);
        var sla = await slas.GetAsync(binding, ct);
        var evaluation = SlaReplay.Evaluate(sla, incident.History, now);
        if (!await incidents.AddAsync(incident, evaluation, sla, now, ct))
        {
            var raced = await incidents.FindByRefAsync(customerId, incident.Source, incident.ExternalId, ct)
                ?? throw new InvalidOperationException("The incident that won the race is not visible.");
            return new OpenedIncident(await SameOpeningAsync(raced, customerId, openedAt, now, ct), Created: false);
        }
        return new OpenedIncident(IncidentDto.From(incident, evaluation, now), Created: true);
    }

    private async Task<IncidentDto> SameOpeningAsync(Incident existing, Guid customerId, Instant openedAt, Instant now, CancellationToken ct)
    {
        if (!existing.IsSameOpening(customerId, openedAt))
        {
            throw new BusinessRuleException("incident.ref-taken",
                $"{existing.Source}/{existing.ExternalId} was opened already at another time.",
                new Dictionary<string, object?> { ["conflictingIncidentId"] = existing.Id });
        }
        return IncidentDto.From(existing, SlaReplay.Evaluate(await slas.GetAsync(existing.Binding, ct), existing.History, now), now);
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

    /// <summary>The customer's agreement in force at the opening that covers the service (sla-semantics §4).</summary>
    private async Task<(IncidentBinding? Binding, string? UnboundReason)> BindAsync(
        Guid customerId, string? serviceCode, DateTimeOffset openedAt, CancellationToken ct)
    {
        var coverage = Coverage.Of(await agreements.ListInForceForCustomerAsync(customerId, openedAt, ct), serviceCode, openedAt);
        if (coverage.Agreement is not { } covering)
            return (null, coverage.UnboundReason);
        return (await slas.BindAsync(covering.Id, covering.Version, covering.Terms.PolicyId, openedAt, ct), null);
    }
}
