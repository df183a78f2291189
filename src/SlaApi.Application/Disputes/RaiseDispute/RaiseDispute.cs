using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Incidents;
using SlaApi.Domain.Common;
using SlaApi.Domain.Disputes;

namespace SlaApi.Application.Disputes.RaiseDispute;

/// <param name="Cycle">The clock's cycle (update cycles, or resolution cycles after a late reopen); the latest when absent.</param>
public sealed record RaiseDisputeCommand(Guid IncidentId, string Metric, int? Cycle, string Claim, string? Comment) : ICommand<DisputeDto>;

public sealed class RaiseDisputeValidator : AbstractValidator<RaiseDisputeCommand>
{
    public RaiseDisputeValidator()
    {
        RuleFor(c => c.Metric).Must(m => Dispute.Metrics.Contains(m)).WithMessage($"'metric' must be one of: {string.Join(", ", Dispute.Metrics)}.");
        RuleFor(c => c.Cycle).InclusiveBetween(1, 1000);
        RuleFor(c => c.Claim).NotEmpty().Must(c => c.Trim().Length > 0).WithMessage("'claim' must not be blank.").MaximumLength(Dispute.ClaimMaxLength);
        RuleFor(c => c.Comment).MaximumLength(Dispute.CommentMaxLength);
    }
}

public sealed class RaiseDisputeHandler(IIncidentRepository incidents, IDisputeRepository disputes, ICallerContext caller, TimeProvider time)
    : ICommandHandler<RaiseDisputeCommand, DisputeDto>
{
    public async ValueTask<DisputeDto> Handle(RaiseDisputeCommand command, CancellationToken ct)
    {
        var found = await incidents.GetAsync(command.IncidentId, ct);
        var incident = (found is not null && caller.CanSee(found.CustomerId) ? found : null) ?? throw new NotFoundException("Incident", command.IncidentId);
        // Held until the dispute is stored, so that disputes raised at once cannot pass the cap between count and insert.
        await incidents.LockAsync(incident.Id, ct);
        if (await disputes.CountForIncidentAsync(incident.Id, ct) >= Dispute.MaxPerIncident)
            throw new BusinessRuleException("dispute.too-many", $"An incident may carry at most {Dispute.MaxPerIncident} disputes.");
        var dispute = Dispute.Raise(incident.Id, incident.CustomerId, incident.Binding?.AgreementId, command.Metric, command.Cycle, command.Claim,
            command.Comment, caller.KeyId, Instant.FromDateTimeOffset(time.GetUtcNow()));
        await disputes.AddAsync(dispute, ct);
        return DisputeDto.From(dispute);
    }
}
