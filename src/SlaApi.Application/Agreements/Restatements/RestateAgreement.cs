using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Incidents;
using SlaApi.Application.Reports;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Agreements.Restatements;

/// <summary>
/// Binds the agreement's incidents opened in [from, to) to version <see cref="Version"/> (the latest when absent), with
/// its policy and calendars as they stand now, replays them and records what changed; in one transaction.
/// </summary>
public sealed record RestateAgreementCommand(Guid AgreementId, int? Version, DateTimeOffset? From, DateTimeOffset? To, string Reason) : ICommand<RestatementDto>, IPeriod;

public sealed class RestateAgreementValidator : AbstractValidator<RestateAgreementCommand>
{
    public RestateAgreementValidator()
    {
        RuleFor(c => c.Version).GreaterThanOrEqualTo(1);
        this.ValidPeriod("restatement");
        RuleFor(c => c.Reason).NotEmpty().Must(r => r.Trim().Length > 0).WithMessage("'reason' must not be blank.").MaximumLength(Restatement.ReasonMaxLength);
    }
}

public sealed class RestateAgreementHandler(
    IAgreementRepository agreements, IRestatementRepository restatements, IIncidentRepository incidents, BoundSlaProvider slas,
    ICallerContext caller, TimeProvider time)
    : ICommandHandler<RestateAgreementCommand, RestatementDto>
{
    public async ValueTask<RestatementDto> Handle(RestateAgreementCommand command, CancellationToken ct)
    {
        var agreement = await agreements.GetAsync(command.AgreementId, command.Version, ct)
            ?? throw new NotFoundException(command.Version is null ? "Agreement" : $"Version {command.Version} of agreement", command.AgreementId);
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var (from, to) = (Instant.FromDateTimeOffset(command.From!.Value), Instant.FromDateTimeOffset(command.To!.Value));
        await agreements.LockCustomerAsync(agreement.CustomerId, ct);
        var number = (await restatements.ListAsync(agreement.Id, ct)).Select(r => r.Number).DefaultIfEmpty(0).Max() + 1;
        var ids = await restatements.IncidentIdsAsync(agreement.Id, from, to, Restatement.MaxIncidents + 1, ct);
        if (ids.Count > Restatement.MaxIncidents)
            throw new UnprocessableException("to", $"More than {Restatement.MaxIncidents} incidents opened in the period; restate it in shorter periods.");

        var after = await slas.BindAsync(agreement, now.ToDateTimeOffset(), ct);
        var sla = (await slas.GetAsync(after, ct))!;
        var restated = new List<RestatedIncident>(ids.Count);
        foreach (var id in ids)
        {
            await incidents.LockAsync(id, ct);
            var incident = (await incidents.GetAsync(id, ct))!;
            var before = incident.Binding!;
            var rebound = incident.Rebind(after);
            var evaluation = SlaReplay.Evaluate(sla, rebound.History, now);
            var previous = SlaReplay.Evaluate(await slas.GetAsync(before, ct), incident.History, now);
            await incidents.RebindAsync(rebound, evaluation, sla, now, ct);
            restated.Add(new RestatedIncident(id, before, after, RestatedIncident.Breached(previous, now), RestatedIncident.Breached(evaluation, now)));
        }
        var restatement = new Restatement(Guid.CreateVersion7(now.ToDateTimeOffset()), agreement.Id, number, agreement.Version, from, to, command.Reason.Trim(), now,
            caller.KeyId, null, null, restated.Count, restated.Count(r => r.OutcomeChanged), restated.Sum(r => (long)r.BreachedBefore.Count),
            restated.Sum(r => (long)r.BreachedAfter.Count));
        await restatements.AddAsync(restatement, restated, ct);
        return RestatementDto.Of(restatement);
    }
}
