using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Persistence;
using SlaApi.Application.Incidents.Ingestion;
using SlaApi.Domain.Incidents;
using SlaApi.Application.Common.Validation;
using SlaApi.Domain.Policies;

namespace SlaApi.Application.Incidents.RecordIncidentEvent;

/// <summary>Records one lifecycle event and replays the incident's clocks; acknowledged only once both are committed.</summary>
public sealed record RecordIncidentEventCommand(
    Guid IncidentId, string EventId, string Type, DateTimeOffset OccurredAt, string? Status, int? Priority, string? Reason, Guid? Team = null)
    : ICommand<RecordedEvent>, ICommitsItself;

/// <param name="Recorded">False when the same event had been recorded before; nothing changed.</param>
public sealed record RecordedEvent(IncidentDto Incident, bool Recorded);

public sealed class RecordIncidentEventValidator : AbstractValidator<RecordIncidentEventCommand>
{
    public RecordIncidentEventValidator()
    {
        RuleFor(c => c.EventId).NotEmpty().MaximumLength(Incident.EventIdMaxLength);
        RuleFor(c => c.Type).Must(t => t is not null && Names.EventTypes.ContainsKey(t))
            .WithMessage($"'type' must be one of: {string.Join(", ", Names.EventTypes.Keys)}.");
        RuleFor(c => c.OccurredAt).SupportedInstant();
        RuleFor(c => c.Status!).NotNull().Code(50).When(c => c.Type == "status-changed");
        RuleFor(c => c.Status).Null().When(c => c.Type != "status-changed").WithMessage("'status' belongs only to status-changed events.");
        RuleFor(c => c.Priority).NotNull().InclusiveBetween(PriorityTarget.HighestPriority, PriorityTarget.LowestPriority).When(c => c.Type == "priority-changed");
        RuleFor(c => c.Priority).Null().When(c => c.Type != "priority-changed").WithMessage("'priority' belongs only to priority-changed events.");
        RuleFor(c => c.Reason!).NotNull().Code(Incident.ReasonMaxLength).When(c => c.Type == "excluded");
        RuleFor(c => c.Reason!).Code(Incident.ReasonMaxLength).When(c => c.Type == "status-changed" && c.Reason is not null);
        RuleFor(c => c.Reason).Null().When(c => c.Type is not ("excluded" or "status-changed"))
            .WithMessage("'reason' belongs only to excluded and status-changed events.");
        RuleFor(c => c.Team).NotNull().NotEqual(Guid.Empty).When(c => c.Type == "assigned");
        RuleFor(c => c.Team).Null().When(c => c.Type != "assigned").WithMessage("'team' belongs only to assigned events.");
    }
}

public sealed class RecordIncidentEventHandler(IEventWriter writer, IUnitOfWork unitOfWork, ICallerContext caller) : ICommandHandler<RecordIncidentEventCommand, RecordedEvent>
{
    public async ValueTask<RecordedEvent> Handle(RecordIncidentEventCommand command, CancellationToken ct)
    {
        var submission = new EventSubmission(command.IncidentId, null, null, command.EventId, Names.EventTypes[command.Type],
            Instant.FromDateTimeOffset(command.OccurredAt), command.Status, command.Priority, command.Reason, caller.CustomerScope, command.Team);
        await unitOfWork.ReleaseConnectionAsync();
        var outcome = (await writer.SubmitAsync([submission], withIncidents: true, caller.KeyId, ct))[0];
        if (outcome.Error is not null)
            throw outcome.Error;
        return new RecordedEvent(outcome.Incident!, outcome.Status == EventOutcome.Recorded);
    }
}
