using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents.UpgradeRules;

/// <summary>Records that every stored incident has been replayed under the current rules of meaning.</summary>
public sealed record RecordRulesUpgradeCommand(long Incidents, long VerdictsChanged) : ICommand;

public sealed class RecordRulesUpgradeValidator : AbstractValidator<RecordRulesUpgradeCommand>
{
    public RecordRulesUpgradeValidator()
    {
        RuleFor(c => c.Incidents).GreaterThanOrEqualTo(0);
        RuleFor(c => c.VerdictsChanged).GreaterThanOrEqualTo(0);
    }
}

public sealed class RecordRulesUpgradeHandler(IRuleUpgradeRepository upgrades, TimeProvider time) : ICommandHandler<RecordRulesUpgradeCommand>
{
    public async ValueTask<Unit> Handle(RecordRulesUpgradeCommand command, CancellationToken ct)
    {
        await upgrades.RecordAsync(RulesUpgrade.RulesVersion, Instant.FromDateTimeOffset(time.GetUtcNow()), command.Incidents, command.VerdictsChanged, ct);
        return Unit.Value;
    }
}
