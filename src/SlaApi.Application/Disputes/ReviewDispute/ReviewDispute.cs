using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Common.Persistence;
using SlaApi.Application.Common.Validation;
using SlaApi.Application.Incidents;
using SlaApi.Application.Incidents.Ingestion;
using SlaApi.Domain.Common;
using SlaApi.Domain.Disputes;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Policies;

namespace SlaApi.Application.Disputes.ReviewDispute;

/// <summary>
/// Upholds or rejects a dispute. An upheld dispute records its remedy as an incident event with the dispute's id:
/// "exclude" an <c>excluded</c> event (reason dispute-upheld) now; "correct" the correcting event at the instant given.
/// </summary>
/// <param name="Decision">upheld or rejected.</param>
public sealed record ReviewDisputeCommand(
    Guid DisputeId, string Decision, string Reason, string? Remedy,
    string? CorrectionType, DateTimeOffset? CorrectionOccurredAt, string? CorrectionStatus, int? CorrectionPriority)
    : ICommand<DisputeDto>, ICommitsItself
{
    public const string Upheld = "upheld";
    public const string Rejected = "rejected";

    /// <summary>The events a correction may record: exclusion has a remedy of its own.</summary>
    public static readonly IReadOnlyList<string> CorrectionTypes = ["responded", "planned", "customer-replied", "updated", "resolved", "reopened", "status-changed", "priority-changed"];
}

public sealed class ReviewDisputeValidator : AbstractValidator<ReviewDisputeCommand>
{
    public ReviewDisputeValidator()
    {
        RuleFor(c => c.Decision).Must(d => d is ReviewDisputeCommand.Upheld or ReviewDisputeCommand.Rejected)
            .WithMessage($"'decision' must be {ReviewDisputeCommand.Upheld} or {ReviewDisputeCommand.Rejected}.");
        RuleFor(c => c.Reason).NotEmpty().Must(r => r.Trim().Length > 0).WithMessage("'reason' must not be blank.").MaximumLength(DisputeReview.ReasonMaxLength);
        RuleFor(c => c.Remedy).NotNull().Must(r => DisputeReview.Remedies.Contains(r!))
            .WithMessage($"An upheld dispute needs a 'remedy': {string.Join(" or ", DisputeReview.Remedies)}.")
            .When(c => c.Decision == ReviewDisputeCommand.Upheld);
        RuleFor(c => c.Remedy).Null().WithMessage("A rejected dispute has no 'remedy'.").When(c => c.Decision == ReviewDisputeCommand.Rejected);

        When(c => c.Remedy == DisputeReview.Correct, () =>
        {
            RuleFor(c => c.CorrectionType).Must(t => t is not null && ReviewDisputeCommand.CorrectionTypes.Contains(t))
                .WithMessage($"'correctionType' must be one of: {string.Join(", ", ReviewDisputeCommand.CorrectionTypes)}.");
            RuleFor(c => c.CorrectionOccurredAt).NotNull().SupportedInstant();
            RuleFor(c => c.CorrectionStatus!).NotNull().Code(50).When(c => c.CorrectionType == "status-changed");
            RuleFor(c => c.CorrectionStatus).Null().When(c => c.CorrectionType != "status-changed")
                .WithMessage("'correctionStatus' belongs only to a status-changed correction.");
            RuleFor(c => c.CorrectionPriority).NotNull().InclusiveBetween(PriorityTarget.HighestPriority, PriorityTarget.LowestPriority)
                .When(c => c.CorrectionType == "priority-changed");
            RuleFor(c => c.CorrectionPriority).Null().When(c => c.CorrectionType != "priority-changed")
                .WithMessage("'correctionPriority' belongs only to a priority-changed correction.");
        }).Otherwise(() =>
        {
            RuleFor(c => c.CorrectionType).Null().WithMessage("'correctionType' belongs only to the correct remedy.");
            RuleFor(c => c.CorrectionOccurredAt).Null().WithMessage("'correctionOccurredAt' belongs only to the correct remedy.");
            RuleFor(c => c.CorrectionStatus).Null().WithMessage("'correctionStatus' belongs only to the correct remedy.");
            RuleFor(c => c.CorrectionPriority).Null().WithMessage("'correctionPriority' belongs only to the correct remedy.");
        });
    }
}

/// <remarks>
/// The review is claimed first, in a transaction of its own that only an open dispute lets through, so of two reviews
/// racing one wins and the other is refused; only then is the upheld review's remedy recorded through the writer. The
/// remedy is checked against the incident before the claim, so a remedy the incident cannot take leaves the dispute
/// open. Should recording it fail after the claim, the same review sent again records the same event id, which
/// completes the remedy and changes nothing else.
/// </remarks>
public sealed class ReviewDisputeHandler(
    IDisputeRepository disputes, IIncidentRepository incidents, IEventWriter writer, IUnitOfWork unitOfWork, ICallerContext caller, TimeProvider time)
    : ICommandHandler<ReviewDisputeCommand, DisputeDto>
{
    public async ValueTask<DisputeDto> Handle(ReviewDisputeCommand command, CancellationToken ct)
    {
        var dispute = await VisibleAsync(command.DisputeId, ct);
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var upheld = command.Decision == ReviewDisputeCommand.Upheld;
        var remedy = upheld ? Remedy(dispute, command, now) : null;
        if (dispute.Status == DisputeStatus.Open && remedy is not null)
            Check((await incidents.GetAsync(dispute.IncidentId, ct))!, remedy, now);
        var decided = dispute.Status == DisputeStatus.Open
            ? dispute.Decide(new DisputeReview(upheld, command.Reason.Trim(), command.Remedy, upheld ? dispute.EventId : null, now, caller.KeyId))
            : null;
        if (decided is null || !await ClaimAsync(decided, ct))
            decided = Repeated(await VisibleAsync(command.DisputeId, ct), upheld, command.Remedy);
        if (remedy is not null)
            await RecordAsync(remedy, ct);
        return DisputeDto.From(decided);
    }

    /// <summary>A review that finds the dispute reviewed is refused, unless it repeats that review: then it completes its remedy.</summary>
    private static Dispute Repeated(Dispute reviewed, bool upheld, string? remedy) =>
        reviewed.WasDecidedAs(upheld, remedy)
            ? reviewed
            : throw new BusinessRuleException("dispute.already-reviewed",
                $"The dispute was {reviewed.Status.ToString().ToLowerInvariant()} on {reviewed.Review!.ReviewedAt}; a review is final.");

    private async Task<Dispute> VisibleAsync(Guid id, CancellationToken ct) =>
        await disputes.GetAsync(id, ct) is { } found && caller.CanSee(found.CustomerId) ? found : throw new NotFoundException("Dispute", id);

    private async Task<bool> ClaimAsync(Dispute decided, CancellationToken ct)
    {
        await unitOfWork.BeginAsync(ct);
        try
        {
            var claimed = await disputes.RecordReviewAsync(decided, ct);
            await unitOfWork.CommitAsync(ct);
            return claimed;
        }
        catch
        {
            await unitOfWork.RollbackAsync(ct);
            throw;
        }
    }

    private static EventSubmission Remedy(Dispute dispute, ReviewDisputeCommand command, Instant now) =>
        command.Remedy == DisputeReview.Exclude
            ? new EventSubmission(dispute.IncidentId, null, null, dispute.EventId, IncidentEventType.Excluded, now, null, null, DisputeReview.ExclusionReason, null)
            : new EventSubmission(dispute.IncidentId, null, null, dispute.EventId, Names.EventTypes[command.CorrectionType!],
                Instant.FromDateTimeOffset(command.CorrectionOccurredAt!.Value), command.CorrectionStatus, command.CorrectionPriority, null, null);

    private static void Check(Incident incident, EventSubmission remedy, Instant now) =>
        incident.Check(remedy.EventId, remedy.Type, remedy.OccurredAt, remedy.Status, remedy.Priority, remedy.Reason, now);

    private async Task RecordAsync(EventSubmission remedy, CancellationToken ct)
    {
        await unitOfWork.ReleaseConnectionAsync();
        var outcome = (await writer.SubmitAsync([remedy], withIncidents: false, caller.KeyId, ct))[0];
        if (outcome.Error is not null)
            throw outcome.Error;
    }
}
