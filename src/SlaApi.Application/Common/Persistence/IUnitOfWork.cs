namespace SlaApi.Application.Common.Persistence;

/// <summary>The transaction a command runs in; what it wrote is acknowledged only after <see cref="CommitAsync"/>.</summary>
public interface IUnitOfWork
{
    ValueTask BeginAsync(CancellationToken ct);

    ValueTask CommitAsync(CancellationToken ct);

    ValueTask RollbackAsync(CancellationToken ct);

    /// <summary>
    /// Gives the scope's connection back to the pool unless a transaction holds it; the next query opens another. A
    /// request calls it before it waits on a group commit, which needs a connection of the same pool: requests holding
    /// theirs while they wait could take every one and leave the commit none.
    /// </summary>
    ValueTask ReleaseConnectionAsync();
}
