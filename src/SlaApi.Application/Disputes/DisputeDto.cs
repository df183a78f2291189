using SlaApi.Domain.Disputes;

namespace SlaApi.Application.Disputes;

/// <summary>A dispute and, once reviewed, its decision; the incident's timeline is the evidence.</summary>
/// <param name="Status">open, upheld or rejected.</param>
/// <param name="RaisedBy">The id of the key that raised it.</param>
/// <param name="Reason">Why it was upheld or rejected.</param>
/// <param name="Remedy">For an upheld dispute: exclude or correct.</param>
/// <param name="EventId">The incident event the remedy recorded (dispute-…), shown on the timeline.</param>
public sealed record DisputeDto(
    Guid Id,
    Guid IncidentId,
    Guid CustomerId,
    Guid? AgreementId,
    string Metric,
    int? Cycle,
    string Claim,
    string? Comment,
    string Status,
    DateTimeOffset RaisedAt,
    string? RaisedBy,
    string? Reason,
    string? Remedy,
    string? EventId,
    DateTimeOffset? ReviewedAt,
    string? ReviewedBy)
{
    public static DisputeDto From(Dispute d) => new(
        d.Id, d.IncidentId, d.CustomerId, d.AgreementId, d.Metric, d.Cycle, d.Claim, d.Comment, d.Status.ToString().ToLowerInvariant(),
        d.RaisedAt.ToDateTimeOffset(), d.RaisedBy, d.Review?.Reason, d.Review?.Remedy, d.Review?.EventId, d.Review?.ReviewedAt.ToDateTimeOffset(),
        d.Review?.ReviewedBy);
}
