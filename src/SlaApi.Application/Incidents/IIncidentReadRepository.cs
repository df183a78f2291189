using NodaTime;
using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents;

/// <summary>Lists and the work queue, read from the clocks stored at each incident's last change: no replay.</summary>
public interface IIncidentReadRepository
{
    Task<Page<IncidentSummary>> ListAsync(IncidentFilter filter, PageRequest page, Instant now, CancellationToken ct);

    /// <summary>Open incidents, each with the clock closest to breach: running ones by due instant, then paused ones by remaining time.</summary>
    Task<IReadOnlyList<IncidentSummary>> QueueAsync(Guid? customerId, int limit, CancellationToken ct);
}

public sealed record IncidentFilter(
    Guid? CustomerId, ClockState? State, bool? AtRisk, bool? Breached, int? Priority, Instant? OpenedFrom, Instant? OpenedTo);

/// <summary>An incident as stored after its last change, for lists: no replay needed.</summary>
public sealed record IncidentSummary(
    Guid Id, string Source, string ExternalId, Guid CustomerId, string Title, int Priority, string? Status, Instant OpenedAt,
    bool Excluded, Instant? FinalResolvedAt, IReadOnlyList<StoredClock> Clocks);
