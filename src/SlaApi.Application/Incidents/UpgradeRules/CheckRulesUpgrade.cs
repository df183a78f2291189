using Mediator;
using NodaTime;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents.UpgradeRules;

/// <summary>
/// Whether stored incidents still carry verdicts of earlier rules of meaning and need the rules-upgrade command. A store
/// with no incident has nothing to upgrade: it is recorded as upgraded, so that incidents it stores later never ask.
/// </summary>
public sealed record CheckRulesUpgradeCommand : ICommand<bool>;

public sealed class CheckRulesUpgradeHandler(IRuleUpgradeRepository upgrades, IIncidentRepository incidents, TimeProvider time)
    : ICommandHandler<CheckRulesUpgradeCommand, bool>
{
    public async ValueTask<bool> Handle(CheckRulesUpgradeCommand command, CancellationToken ct)
    {
        if (await upgrades.HasRunAsync(RulesUpgrade.RulesVersion, ct))
            return false;
        if ((await incidents.IdsAfterAsync(null, 1, ct)).Count > 0)
            return true;
        await upgrades.RecordAsync(RulesUpgrade.RulesVersion, Instant.FromDateTimeOffset(time.GetUtcNow()), 0, 0, ct);
        return false;
    }
}
