using FluentValidation;
using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Agreements;
using SlaApi.Application.Calendars;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Common.Validation;
using SlaApi.Application.Policies;
using SlaApi.Application.Reports;
using SlaApi.Application.Teams;
using SlaApi.Domain.Policies;

namespace SlaApi.Application.Simulations.RunSimulation;

/// <summary>Asks for a what-if on the incidents of some agreements opened in [from, to); it runs in the background.</summary>
public sealed record RunSimulationCommand(
    SimulatedPolicy? Policy, SimulatedTerms? Terms, IReadOnlyList<Guid>? AgreementIds, IReadOnlyList<Guid>? CustomerIds, DateTimeOffset? From, DateTimeOffset? To)
    : ICommand<SimulationDto>, IPeriod;

public sealed class RunSimulationValidator : AbstractValidator<RunSimulationCommand>
{
    public const int MaxIds = 1000;

    public RunSimulationValidator(ICalendarRepository calendars, ITeamRepository teams)
    {
        RuleFor(c => c).Must(c => c.Policy is not null || c.Terms is not null)
            .WithMessage("Send a draft 'policy', draft 'terms', or both: the simulation compares them with what was agreed.").OverridePropertyName("policy");
        RuleFor(c => c).Must(c => c.AgreementIds is { Count: > 0 } || c.CustomerIds is { Count: > 0 })
            .WithMessage("Name the 'agreementIds' or the 'customerIds' to simulate.").OverridePropertyName("agreementIds");
        RuleFor(c => c.AgreementIds).Must(ids => ids is null || ids.Count <= MaxIds).WithMessage($"At most {MaxIds} agreements.");
        RuleFor(c => c.CustomerIds).Must(ids => ids is null || ids.Count <= MaxIds).WithMessage($"At most {MaxIds} customers.");
        this.ValidPeriod("simulation");
        RuleFor(c => c.Policy!).SetValidator(new SimulatedPolicyValidator(calendars, teams)).When(c => c.Policy is not null);
        RuleFor(c => c.Terms!).ChildRules(terms =>
        {
            terms.RuleFor(t => t.CreditRules).Must(r => r is null || r.Count <= CreditRuleValidator.MaxRules)
                .WithMessage($"At most {CreditRuleValidator.MaxRules} credit rules.");
            terms.RuleForEach(t => t.CreditRules).PresentItem().SetValidator(new CreditRuleValidator());
            terms.RuleFor(t => t.CreditCapPercent).GreaterThan(0).LessThanOrEqualTo(100);
            terms.RuleFor(t => t.ResponseTier!).Code(ResponseTier.NameMaxLength).When(t => t.ResponseTier is not null);
        }).When(c => c.Terms is not null);
        RuleFor(c => c.Terms!.ResponseTier).Must((c, tier) => c.Policy!.ResponseTiers?.Any(t => t?.Name == tier) == true)
            .WithMessage(c => $"The draft policy offers no response tier '{c.Terms!.ResponseTier}'.")
            .When(c => c.Policy is not null && c.Terms?.ResponseTier is { } tier && tier != SimulatedTerms.StandardTier)
            .OverridePropertyName("terms.responseTier");
    }
}

public sealed class SimulatedPolicyValidator(ICalendarRepository calendars, ITeamRepository teams) : PolicyDefinitionValidator<SimulatedPolicy>(calendars, teams);

public sealed class RunSimulationHandler(
    IAgreementRepository agreements, ISimulationRepository simulations, ICallerContext caller, TimeProvider time)
    : ICommandHandler<RunSimulationCommand, SimulationDto>
{
    public const int MaxUnfinished = 32;
    public const int MaxUnfinishedPerKey = 2;
    public const int MaxUnfinishedPerCustomer = 4;

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    public async ValueTask<SimulationDto> Handle(RunSimulationCommand command, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var chosen = new HashSet<Guid>();
        foreach (var id in command.AgreementIds ?? [])
        {
            var agreement = await agreements.GetAsync(id, null, ct);
            if (agreement is null || !caller.CanSee(agreement.CustomerId))
                throw new NotFoundException("Agreement", id);
            chosen.Add(id);
        }
        foreach (var customerId in command.CustomerIds ?? [])
        {
            if (!caller.CanSee(customerId))
                throw new NotFoundException("Customer", customerId);
            chosen.UnionWith((await agreements.ListForCustomerAsync(customerId, ct)).Select(a => a.Id));
        }
        var (all, ofKey, ofCustomer) = await simulations.CountUnfinishedAsync(caller.KeyId, caller.CustomerScope, ct);
        if (ofKey >= MaxUnfinishedPerKey)
            throw new TooManyRequestsException($"{MaxUnfinishedPerKey} simulations of this key have not finished yet; ask again when one has.", RetryAfter);
        if (caller.CustomerScope is not null && ofCustomer >= MaxUnfinishedPerCustomer)
            throw new TooManyRequestsException($"{MaxUnfinishedPerCustomer} simulations of this customer's keys have not finished yet; ask again when one has.", RetryAfter);
        if (all >= MaxUnfinished)
            throw new ServiceUnavailableException($"{MaxUnfinished} simulations have not finished yet; ask again when one has.", RetryAfter);
        var request = new SimulationRequest(command.Policy, command.Terms, chosen.Order().ToArray(), command.From!.Value.ToUniversalTime(), command.To!.Value.ToUniversalTime());
        var simulationId = Guid.CreateVersion7(now);
        await simulations.AddAsync(simulationId, request, caller.CustomerScope, caller.KeyId, now, ct);
        return SimulationMapping.ToDto(new StoredSimulation(simulationId, ISimulationRepository.Queued, 0, 0, 0, request, caller.CustomerScope, now,
            null, null, null, null));
    }
}
