using SlaApi.Application.Disputes.RaiseDispute;
using SlaApi.Application.Disputes.ReviewDispute;

namespace SlaApi.Api.Contracts.V1;

/// <summary>A claim that one clock of the incident is wrong.</summary>
/// <param name="Metric">response, plan, resolution, update or next-reply.</param>
/// <param name="Cycle">The clock's cycle (1 and up); the latest when absent.</param>
/// <param name="Claim">What is claimed, 1 to 500 characters, e.g. "We answered by phone at 09:10".</param>
/// <param name="Comment">Anything more, up to 2,000 characters.</param>
public sealed record DisputeRequest(string Metric, int? Cycle, string Claim, string? Comment)
{
    public RaiseDisputeCommand ToCommand(Guid incidentId) => new(incidentId, Metric, Cycle, Claim, Comment);
}

/// <summary>The one review of a dispute.</summary>
/// <param name="Decision">upheld or rejected.</param>
/// <param name="Reason">Why, 1 to 2,000 characters; kept with the dispute.</param>
/// <param name="Remedy">Upheld only: "exclude" takes the incident out of compliance and credits; "correct" records the correcting event.</param>
/// <param name="CorrectionType">With "correct": responded, planned, customer-replied, updated, resolved, reopened, status-changed or priority-changed.</param>
/// <param name="CorrectionOccurredAt">With "correct": when the corrected event happened, RFC 3339 with offset.</param>
/// <param name="CorrectionStatus">With a status-changed correction: the status.</param>
/// <param name="CorrectionPriority">With a priority-changed correction: the priority, 1 to 5.</param>
public sealed record DisputeReviewRequest(
    string Decision, string Reason, string? Remedy, string? CorrectionType, DateTimeOffset? CorrectionOccurredAt, string? CorrectionStatus, int? CorrectionPriority)
{
    public ReviewDisputeCommand ToCommand(Guid disputeId) =>
        new(disputeId, Decision, Reason, Remedy, CorrectionType, CorrectionOccurredAt, CorrectionStatus, CorrectionPriority);
}
