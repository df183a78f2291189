using System.Data.Common;
using SlaApi.Application.Common.Persistence;

namespace SlaApi.Infrastructure.Persistence;

/// <summary>The connection of one request scope, opened on first use; commands add one transaction to it.</summary>
public sealed class DbSession(DbConnectionFactory factory) : IUnitOfWork, IAsyncDisposable, IDisposable
{
    private readonly List<Action> _afterCommit = [];
    private DbConnection? _connection;

    public DbTransaction? Transaction { get; private set; }

    public async Task<DbConnection> ConnectionAsync(CancellationToken ct) => _connection ??= await factory.OpenAsync(ct);

    public async ValueTask BeginAsync(CancellationToken ct)
    {
        if (Transaction is not null)
            throw new InvalidOperationException("A transaction is already open in this scope.");
        Transaction = await (await ConnectionAsync(ct)).BeginTransactionAsync(ct);
    }

    public async ValueTask CommitAsync(CancellationToken ct)
    {
        if (Transaction is null)
            return;
        await Transaction.CommitAsync(ct);
        var committed = _afterCommit.ToArray();
        await EndTransactionAsync();
        foreach (var action in committed)
            action();
    }

    /// <summary>Runs <paramref name="action"/> once the open transaction commits, and never if it rolls back; at once without one.</summary>
    public void AfterCommit(Action action)
    {
        if (Transaction is null)
            action();
        else
            _afterCommit.Add(action);
    }

    /// <summary>As <see cref="AfterCommit"/>, but an action already waiting for the same commit is not added again.</summary>
    public void AfterCommitOnce(Action action)
    {
        if (Transaction is null || !_afterCommit.Contains(action))
            AfterCommit(action);
    }

    public async ValueTask RollbackAsync(CancellationToken ct)
    {
        if (Transaction is null)
            return;
        await Transaction.RollbackAsync(ct);
        await EndTransactionAsync();
    }

    public async ValueTask ReleaseConnectionAsync()
    {
        if (Transaction is not null || _connection is null)
            return;
        await _connection.DisposeAsync();
        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        await EndTransactionAsync();
        if (_connection is not null)
            await _connection.DisposeAsync();
    }

    public void Dispose()
    {
        Transaction?.Dispose();
        Transaction = null;
        _connection?.Dispose();
    }

    private async ValueTask EndTransactionAsync()
    {
        _afterCommit.Clear();
        if (Transaction is not null)
            await Transaction.DisposeAsync();
        Transaction = null;
    }
}
