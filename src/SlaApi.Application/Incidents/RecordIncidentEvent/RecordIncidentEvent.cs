using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Common.Validation;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Policies;

namespace SlaApi.Application.Incidents.RecordIncidentEvent;

/// <summary>Records one lifecycle event and replays the incident's clocks; acknowledged only once both are committed.</summary>
public sealed record RecordIncidentEventCommand(
    Guid IncidentId, string EventId, string Type, DateTimeOffset OccurredAt, string? Status, int? Priority, string? Reason)
    : ICommand<RecordedEvent>;

/// <param name="Recorded">False when the same event had been recorded before; nothing changed.</param>
public sealed record RecordedEvent(IncidentDto Incident, bool Recorded);

public sealed class RecordIncidentEventValidator : AbstractValidator<RecordIncidentEventCommand>
{
    public RecordIncidentEventValidator()
    {
        RuleFor(c => c.EventId).NotEmpty().MaximumLength(Incident.EventIdMaxLength);
        RuleFor(c => c.Type).Must(t => t is not null && Names.EventTypes.ContainsKey(t))
            .WithMessage($"'type' must be one of: {string.Join(", ", Names.EventTypes.Keys)}.");
        RuleFor(c => c.OccurredAt).NotEmpty();
        RuleFor(c => c.Status!).NotNull().Code(50).When(c => c.Type == "status-changed");
        RuleFor(c => c.Status).Null().When(c => c.Type != "status-changed").WithMessage("'status' belongs only to status-changed events.");
        RuleFor(c => c.Priority).NotNull().InclusiveBetween(PriorityTarget.HighestPriority, PriorityTarget.LowestPriority).When(c => c.Type == "priority-changed");
        RuleFor(c => c.Priority).Null().When(c => c.Type != "priority-changed").WithMessage("'priority' belongs only to priority-changed events.");
        RuleFor(c => c.Reason!).NotNull().Code(100).When(c => c.Type == "excluded");
        RuleFor(c => c.Reason).Null().When(c => c.Type != "excluded").WithMessage("'reason' belongs only to excluded events.");
    }
}

public sealed class RecordIncidentEventHandler(IIncidentRepository incidents, BoundSlaProvider slas, ICallerContext caller, TimeProvider time)
    : ICommandHandler<RecordIncidentEventCommand, RecordedEvent>
{
    public async ValueTask<RecordedEvent> Handle(RecordIncidentEventCommand command, CancellationToken ct)
    {
        await incidents.LockAsync(command.IncidentId, ct);
        var incident = await incidents.GetAsync(command.IncidentId, ct);
        if (incident is null || !caller.CanSee(incident.CustomerId))
            throw new NotFoundException("Incident", command.IncidentId);

        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var outcome = incident.Record(command.EventId, Names.EventTypes[command.Type], Instant.FromDateTimeOffset(command.OccurredAt),
            command.Status?.Trim(), command.Priority, command.Reason?.Trim(), now);
        var sla = await slas.GetAsync(incident.Binding, ct);
        if (outcome == RecordOutcome.Recorded)
        {
            // Stored state is taken after the newest event, so an event reported a little ahead of now still counts.
            var storedAt = Instant.Max(now, incident.Events.Max(e => e.OccurredAt));
            await incidents.AppendEventAsync(incident, incident.Events[^1], SlaReplay.Evaluate(sla, incident.History, storedAt), storedAt, ct);
        }
        return new RecordedEvent(IncidentDto.From(incident, SlaReplay.Evaluate(sla, incident.History, now), now), outcome == RecordOutcome.Recorded);
    }
}
