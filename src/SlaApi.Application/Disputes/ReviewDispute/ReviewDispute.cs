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
    public static readonly IReadOnlyList<string> CorrectionTypes = ["responded", "updated", "resolved", "reopened", "status-changed", "priority-changed"];
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
/// The remedy's event is committed by the writer first, then the review in a transaction of its own. Should the second
/// step fail, the dispute is still open and reviewing it again records the same event id again, which changes nothing.
/// </remarks>
public sealed class ReviewDisputeHandler(IDisputeRepository disputes, IEventWriter writer, IUnitOfWork unitOfWork, ICallerContext caller, TimeProvider time)
    : ICommandHandler<ReviewDisputeCommand, DisputeDto>
{
    public async ValueTask<DisputeDto> Handle(ReviewDisputeCommand command, CancellationToken ct)
    {
        var found = await disputes.GetAsync(command.DisputeId, ct);
        var dispute = (found is not null && caller.CanSee(found.CustomerId) ? found : null) ?? throw new NotFoundException("Dispute", command.DisputeId);
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var upheld = command.Decision == ReviewDisputeCommand.Upheld;
        var review = new DisputeReview(upheld, command.Reason.Trim(), command.Remedy, upheld ? dispute.EventId : null, now, caller.KeyId);
        var decided = dispute.Decide(review);

        if (upheld)
            await RecordRemedyAsync(dispute, command, now, ct);

        await unitOfWork.BeginAsync(ct);
        try
        {
            if (!await disputes.RecordReviewAsync(decided, ct))
                throw new BusinessRuleException("dispute.already-reviewed", "Another review of this dispute came first; a review is final.");
            await unitOfWork.CommitAsync(ct);
        }
        catch
        {
            await unitOfWork.RollbackAsync(ct);
            throw;
        }
        return DisputeDto.From(decided);
    }

    private async Task RecordRemedyAsync(Dispute dispute, ReviewDisputeCommand command, Instant now, CancellationToken ct)
    {
        var submission = command.Remedy == DisputeReview.Exclude
            ? new EventSubmission(dispute.IncidentId, null, null, dispute.EventId, IncidentEventType.Excluded, now, null, null, DisputeReview.ExclusionReason, null)
            : new EventSubmission(dispute.IncidentId, null, null, dispute.EventId, Names.EventTypes[command.CorrectionType!],
                Instant.FromDateTimeOffset(command.CorrectionOccurredAt!.Value), command.CorrectionStatus, command.CorrectionPriority, null, null);
        var outcome = (await writer.SubmitAsync([submission], withIncidents: false, caller.KeyId, ct))[0];
        if (outcome.Error is not null)
            throw outcome.Error;
    }
}
