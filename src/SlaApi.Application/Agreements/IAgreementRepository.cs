using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Agreements;

namespace SlaApi.Application.Agreements;

public interface IAgreementRepository
{
    /// <summary>The given version, or the latest when <paramref name="version"/> is null.</summary>
    Task<Agreement?> GetAsync(Guid id, int? version, CancellationToken ct);

    /// <summary>
    /// Holds the customer's agreements against concurrent changes until the transaction ends, so that the
    /// overlap check and the write that follows it see the same agreements.
    /// </summary>
    Task LockCustomerAsync(Guid customerId, CancellationToken ct);

    /// <summary>The latest version of each agreement of the customer.</summary>
    Task<IReadOnlyList<Agreement>> ListForCustomerAsync(Guid customerId, CancellationToken ct);

    /// <summary>For each agreement of the customer, the version in force at <paramref name="at"/> (the last effective by then, else the first).</summary>
    Task<IReadOnlyList<Agreement>> ListInForceForCustomerAsync(Guid customerId, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// Agreements whose term overlaps [from, to), each at the version in force at the end of that span (the last effective
    /// before <paramref name="to"/>, else the first); only one customer's when <paramref name="customerId"/> is given.
    /// </summary>
    Task<IReadOnlyList<Agreement>> ListInTermAsync(DateTimeOffset from, DateTimeOffset to, Guid? customerId, CancellationToken ct);

    /// <summary>Latest versions whose term ends, or whose renewal date falls, within [from, to].</summary>
    Task<IReadOnlyList<Agreement>> ListExpiringAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    Task AddAsync(Agreement agreement, CancellationToken ct);

    /// <summary>Stores <paramref name="revised"/> as the latest version; false when another edit got there first.</summary>
    Task<bool> AddVersionAsync(Agreement revised, CancellationToken ct);

    /// <summary>Latest versions; only one customer's when <paramref name="customerId"/> is given.</summary>
    Task<Page<Agreement>> ListAsync(PageRequest page, Guid? customerId, CancellationToken ct);

    /// <summary>Latest versions whose term has not ended at <paramref name="now"/>, in the order they were concluded.</summary>
    Task<Page<Agreement>> ListNotEndedAsync(DateTimeOffset now, Guid? customerId, PageRequest page, CancellationToken ct);
}
