namespace SlaApi.Application.Alerts;

/// <summary>
/// An alert as it fired: immutable, with a stable id. <see cref="Sequence"/> orders alerts as they fired and is the
/// feed's cursor. Clock alerts name the incident, metric and cycle; renewal alerts name the agreement.
/// </summary>
/// <param name="OccurredAt">The instant the crossing happened, which for a late alert lies before it fired.</param>
/// <param name="Late">An event revealed the crossing after its instant had passed.</param>
/// <param name="Retroactive">A breach that a priority change placed in the past (sla-semantics §3): one to mute in a
/// notification storm.</param>
/// <param name="Threshold">Percent of the target, for a threshold alert.</param>
/// <param name="DaysBefore">For a renewal alert: how many days ahead of the date it warns.</param>
/// <param name="Reason">Why an incident is unbound, or which date a renewal alert is about (renewal-date or term-end).</param>
public sealed record AlertDto(
    long Sequence,
    Guid Id,
    string Type,
    DateTimeOffset OccurredAt,
    DateTimeOffset FiredAt,
    bool Late,
    bool Retroactive,
    Guid? IncidentId,
    string? Source,
    string? ExternalId,
    Guid? CustomerId,
    Guid? AgreementId,
    string? Metric,
    int? Cycle,
    int? Threshold,
    DateTimeOffset? DueAt,
    int? DaysBefore,
    string? Reason);

/// <summary>Alerts after a cursor, and the cursor to ask with next (the last one's sequence, or the same cursor when none).</summary>
public sealed record AlertPageDto(IReadOnlyList<AlertDto> Items, long Next);

public interface IAlertRepository
{
    /// <summary>Alerts with a sequence above <paramref name="after"/>, in order; of one customer when <paramref name="customerId"/> is set.</summary>
    Task<IReadOnlyList<AlertDto>> ListAfterAsync(long after, Guid? customerId, int limit, CancellationToken ct);
}
