using System.Runtime.CompilerServices;
using Dapper;
using SlaApi.Application.Common.Paging;

namespace SlaApi.Infrastructure.Persistence;

/// <summary>Dapper calls bound to the scope's connection and, inside a command, its transaction.</summary>
public sealed class SessionQueries(DbSession session, ISqlDialect dialect)
{
    public ISqlDialect Dialect => dialect;

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        return (await connection.QueryAsync<T>(Command(sql, parameters, ct))).AsList();
    }

    /// <summary>Rows one at a time, for results too large to hold as a list.</summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(string sql, object? parameters, [EnumeratorCancellation] CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        await foreach (var row in connection.QueryUnbufferedAsync<T>(dialect.Render(sql), dialect.Bind(sql, parameters), session.Transaction).WithCancellation(ct))
            yield return row;
    }

    /// <summary>A reader over the rows, for a pass over millions of them where mapping each row to an object costs too much.</summary>
    public async Task<System.Data.Common.DbDataReader> ReaderAsync(string sql, object? parameters, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        return await connection.ExecuteReaderAsync(Command(sql, parameters, ct));
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters, ct));
    }

    public async Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        return await connection.ExecuteAsync(Command(sql, parameters, ct));
    }

    public Task<Page<T>> PageAsync<T>(string countSql, string pageSql, PageRequest page, CancellationToken ct, object? filter = null) =>
        PageAsync<T>(countSql, pageSql, page, skipOffset: 0, takeOffset: 0, filter, ct);

    /// <param name="skipOffset">Rows to shift the page by, for rows listed ahead of the stored ones.</param>
    /// <param name="takeOffset">Rows fewer (or more) to read than the page holds.</param>
    public async Task<Page<T>> PageAsync<T>(
        string countSql, string pageSql, PageRequest page, int skipOffset, int takeOffset, object? filter, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        var total = await connection.ExecuteScalarAsync<long>(Command(countSql, filter, ct));
        var parameters = new DynamicParameters(dialect.Bind(pageSql, filter));
        var take = page.PageSize + takeOffset;
        parameters.Add("Skip", Math.Max(0, page.Skip + skipOffset));
        parameters.Add("Take", take);
        var items = take <= 0 ? [] : (await connection.QueryAsync<T>(Command(pageSql, parameters, ct))).AsList();
        return new Page<T>(items, page.PageNumber, page.PageSize, total);
    }

    /// <summary>Stores the root row of a versioned definition and its first version row.</summary>
    public async Task AddFirstVersionAsync(string insertRootSql, string insertVersionSql, object row, CancellationToken ct)
    {
        await ExecuteAsync(insertRootSql, row, ct);
        await ExecuteAsync(insertVersionSql, row, ct);
    }

    /// <summary>
    /// Stores version <paramref name="version"/> as the latest, only if the root row is still at the version before;
    /// false when another edit got there first.
    /// </summary>
    public async Task<bool> AddNextVersionAsync(string rootTable, Guid id, int version, string insertVersionSql, object row, CancellationToken ct)
    {
        var advanced = await ExecuteAsync(
            $"UPDATE {rootTable} SET current_version = @NewVersion WHERE id = @Id AND current_version = @PreviousVersion",
            new { Id = id, NewVersion = version, PreviousVersion = version - 1 },
            ct) == 1;
        if (advanced)
            await ExecuteAsync(insertVersionSql, row, ct);
        return advanced;
    }

    private CommandDefinition Command(string sql, object? parameters, CancellationToken ct) =>
        new(dialect.Render(sql), dialect.Bind(sql, parameters), session.Transaction, cancellationToken: ct);
}
