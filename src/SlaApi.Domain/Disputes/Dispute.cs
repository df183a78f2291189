using NodaTime;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;

namespace SlaApi.Domain.Disputes;

/// <summary>
/// A claim, by the customer or the MSP, that a clock of an incident is wrong (sla-semantics §8 "Disputes"). It is
/// reviewed once: upheld, the clock is changed the only way clocks change, by an event recorded under the dispute's
/// id (an exclusion, or the event that corrects it); rejected, it is kept with the reason. The incident's timeline is
/// the evidence; the dispute records who raised and who reviewed it, and when.
/// </summary>
public sealed record Dispute(
    Guid Id,
    Guid IncidentId,
    Guid CustomerId,
    Guid? AgreementId,
    string Metric,
    int? Cycle,
    string Claim,
    string? Comment,
    DisputeStatus Status,
    Instant RaisedAt,
    string? RaisedBy,
    DisputeReview? Review)
{
    public const int ClaimMaxLength = 500;
    public const int CommentMaxLength = 2000;
    public const int MaxPerIncident = 20;

    public static readonly IReadOnlyList<string> Metrics = ClockMetrics.Names;

    /// <summary>The id of the event an upheld dispute records; one per dispute, so reviewing again records nothing twice.</summary>
    public string EventId => $"dispute-{Id:N}";

    public static Dispute Raise(Guid incidentId, Guid customerId, Guid? agreementId, string metric, int? cycle, string claim, string? comment, string? raisedBy, Instant now)
    {
        if (agreementId is null)
            throw new BusinessRuleException("dispute.incident-unbound", "The incident has no clocks to dispute: no agreement covered it.");
        return new Dispute(Guid.CreateVersion7(now.ToDateTimeOffset()), incidentId, customerId, agreementId, metric, cycle, claim.Trim(),
            string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), DisputeStatus.Open, now, raisedBy, null);
    }

    /// <summary>Whether a review asking the same as the one recorded is a repeat of it: the same decision and remedy.</summary>
    public bool WasDecidedAs(bool upheld, string? remedy) => Review is { } review && review.Upheld == upheld && review.Remedy == remedy;

    public Dispute Decide(DisputeReview review)
    {
        if (Status != DisputeStatus.Open)
            throw new BusinessRuleException("dispute.already-reviewed", $"The dispute was {Status.ToString().ToLowerInvariant()} on {Review!.ReviewedAt}; a review is final.");
        return this with { Status = review.Upheld ? DisputeStatus.Upheld : DisputeStatus.Rejected, Review = review };
    }
}

public enum DisputeStatus
{
    Open,
    Upheld,
    Rejected,
}

/// <param name="Remedy">For an upheld dispute: "exclude" (the incident leaves the denominators) or "correct" (an event fixes the clock).</param>
/// <param name="EventId">The event the remedy recorded; null for a rejected dispute.</param>
public sealed record DisputeReview(bool Upheld, string Reason, string? Remedy, string? EventId, Instant ReviewedAt, string? ReviewedBy)
{
    public const string Exclude = "exclude";
    public const string Correct = "correct";
    public const int ReasonMaxLength = 2000;

    /// <summary>The reason code an excluding remedy records on its <c>excluded</c> event.</summary>
    public const string ExclusionReason = "dispute-upheld";

    public static readonly IReadOnlyList<string> Remedies = [Exclude, Correct];
}
