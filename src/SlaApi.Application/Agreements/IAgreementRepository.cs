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

    /// <summary>
    /// A page of the latest versions whose term ends, or whose renewal date falls, within [from, to], earliest first; only
    /// one customer's when <paramref name="customerId"/> is given. Filtered in the database: no other agreement is read.
    /// </summary>
    Task<Page<Agreement>> ListExpiringAsync(DateTimeOffset from, DateTimeOffset to, Guid? customerId, PageRequest page, CancellationToken ct);

    /// <summary>As <see cref="ListExpiringAsync"/>, with only the dates, name and fee of each: what renewal work reads.</summary>
    Task<Page<AgreementRenewal>> ListRenewalsAsync(DateTimeOffset from, DateTimeOffset to, Guid? customerId, PageRequest page, CancellationToken ct);

    Task AddAsync(Agreement agreement, CancellationToken ct);

    /// <summary>Stores <paramref name="revised"/> as the latest version; false when another edit got there first.</summary>
    Task<bool> AddVersionAsync(Agreement revised, CancellationToken ct);

    /// <summary>Latest versions; only one customer's when <paramref name="customerId"/> is given.</summary>
    Task<Page<Agreement>> ListAsync(PageRequest page, Guid? customerId, CancellationToken ct);

    /// <summary>Latest versions whose term has not ended at <paramref name="now"/>, in the order they were concluded.</summary>
    Task<Page<Agreement>> ListNotEndedAsync(DateTimeOffset now, Guid? customerId, PageRequest page, CancellationToken ct);
}

/// <summary>What renewal reports and alerts need of an agreement's latest version.</summary>
public sealed record AgreementRenewal(
    Guid AgreementId, int Version, Guid CustomerId, string Name, DateTimeOffset EffectiveFrom, DateTimeOffset? EffectiveTo, DateOnly? RenewalDate,
    decimal MonthlyFee, string Currency)
{
    /// <summary>The dates a renewal alert can be about, by reason: the renewal date (its UTC midnight) and the term's end.</summary>
    public IEnumerable<(string Reason, DateTimeOffset At)> Dates()
    {
        if (RenewalDate is { } renewal)
            yield return ("renewal-date", new DateTimeOffset(renewal.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        if (EffectiveTo is { } end)
            yield return ("term-end", end);
    }
}
