using NodaTime;
using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Agreements;

namespace SlaApi.Application.Agreements.Restatements;

public interface IRestatementRepository
{
    /// <summary>The ids of the agreement's incidents opened in [from, to), oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Guid>> IncidentIdsAsync(Guid agreementId, Instant from, Instant to, int limit, CancellationToken ct);

    Task AddAsync(Restatement restatement, IReadOnlyList<RestatedIncident> incidents, CancellationToken ct);

    Task<Restatement?> GetAsync(Guid id, CancellationToken ct);

    /// <summary>The agreement's restatements, newest first.</summary>
    Task<IReadOnlyList<Restatement>> ListAsync(Guid agreementId, CancellationToken ct);

    /// <summary>The restatements not reverted of any of the agreements, oldest first: report headers name them.</summary>
    Task<IReadOnlyList<Restatement>> ActiveAsync(IReadOnlyCollection<Guid> agreementIds, CancellationToken ct);

    Task<IReadOnlyList<RestatedIncident>> IncidentsAsync(Guid restatementId, CancellationToken ct);

    Task<Page<RestatedIncident>> IncidentPageAsync(Guid restatementId, PageRequest page, CancellationToken ct);

    /// <summary>Records the revert of a restatement still active; false when another revert came first.</summary>
    Task<bool> RecordRevertAsync(Restatement reverted, CancellationToken ct);
}
