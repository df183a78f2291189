namespace SlaApi.Application.Common.Persistence;

/// <summary>The transaction a command runs in; what it wrote is acknowledged only after <see cref="CommitAsync"/>.</summary>
public interface IUnitOfWork
{
    ValueTask BeginAsync(CancellationToken ct);

    ValueTask CommitAsync(CancellationToken ct);

    ValueTask RollbackAsync(CancellationToken ct);
}
