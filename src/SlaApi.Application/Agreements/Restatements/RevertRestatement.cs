using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Incidents;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Agreements.Restatements;

/// <summary>
/// Binds every incident of an active restatement back to the binding it had before and replays it, restoring its
/// clocks and every report figure; the restatement is kept, marked reverted. Only an agreement's latest active
/// restatement can be reverted, so bindings are always restored in the reverse order they were changed.
/// </summary>
public sealed record RevertRestatementCommand(Guid RestatementId) : ICommand<RestatementDto>;

public sealed class RevertRestatementHandler(
    IRestatementRepository restatements, IAgreementRepository agreements, IIncidentRepository incidents, BoundSlaProvider slas, ICallerContext caller, TimeProvider time)
    : ICommandHandler<RevertRestatementCommand, RestatementDto>
{
    public async ValueTask<RestatementDto> Handle(RevertRestatementCommand command, CancellationToken ct)
    {
        var (restatement, agreement) = await RestatementAccess.FindAsync(restatements, agreements, caller, command.RestatementId, ct);
        await agreements.LockCustomerAsync(agreement.CustomerId, ct);
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var reverted = restatement.Revert(now, caller.KeyId);
        var latest = (await restatements.ListAsync(restatement.AgreementId, ct)).FirstOrDefault(r => r.IsActive);
        if (latest is not null && latest.Id != restatement.Id)
        {
            throw new BusinessRuleException("restatement.not-latest", $"Restatement {latest.Id} of the same agreement came later; revert it first.",
                new Dictionary<string, object?> { ["latestRestatementId"] = latest.Id });
        }
        var restated = await restatements.IncidentsAsync(restatement.Id, ct);
        foreach (var incidentState in restated)
        {
            await incidents.LockAsync(incidentState.IncidentId, ct);
            var incident = (await incidents.GetAsync(incidentState.IncidentId, ct))!;
            var rebound = incident.Rebind(incidentState.Before);
            var sla = (await slas.GetAsync(incidentState.Before, ct))!;
            await incidents.RebindAsync(rebound, SlaReplay.Evaluate(sla, rebound.History, now), sla, now, ct);
        }
        if (!await restatements.RecordRevertAsync(reverted, ct))
            throw new BusinessRuleException("restatement.already-reverted", "Another revert of this restatement came first.");
        return RestatementDto.Of(reverted);
    }
}
