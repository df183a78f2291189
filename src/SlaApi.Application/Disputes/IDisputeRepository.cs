using NodaTime;
using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Disputes;

namespace SlaApi.Application.Disputes;

public interface IDisputeRepository
{
    Task AddAsync(Dispute dispute, CancellationToken ct);

    Task<Dispute?> GetAsync(Guid id, CancellationToken ct);

    Task<int> CountForIncidentAsync(Guid incidentId, CancellationToken ct);

    /// <summary>Stores the review of a dispute still open; false when another review came first.</summary>
    Task<bool> RecordReviewAsync(Dispute reviewed, CancellationToken ct);

    /// <summary>Newest first, filtered by any of incident, customer and status.</summary>
    Task<Page<Dispute>> ListAsync(DisputeFilter filter, PageRequest page, CancellationToken ct);

    /// <summary>Disputes raised in [from, to), oldest first; streamed, as a portfolio's years may hold many.</summary>
    IAsyncEnumerable<RaisedDispute> RaisedAsync(Instant from, Instant to, Guid? customerId, CancellationToken ct);
}

public sealed record DisputeFilter(Guid? IncidentId, Guid? CustomerId, DisputeStatus? Status);

public sealed record RaisedDispute(Guid AgreementId, Guid CustomerId, Instant RaisedAt, DisputeStatus Status);
