using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;

namespace SlaApi.Infrastructure.Persistence;

/// <summary>
/// Commands kept for the life of a session and, on SQLite, prepared once: the event writer runs the same few
/// statements thousands of times per commit, and re-preparing each costs three times the execution
/// (ADR-004). Parameters are a row's public properties named in the SQL, bound as Dapper binds them: natively.
/// </summary>
public sealed partial class PreparedCommands(DbSession session, ISqlDialect dialect) : IAsyncDisposable
{
    private readonly Dictionary<string, (DbCommand Command, PropertyInfo[] Properties)> _commands = new(StringComparer.Ordinal);

    public async Task<int> ExecuteAsync<TRow>(string sql, TRow row, CancellationToken ct) where TRow : notnull =>
        await (await CommandAsync(sql, row, ct)).ExecuteNonQueryAsync(ct);

    public async Task<T?> ScalarAsync<T, TRow>(string sql, TRow row, CancellationToken ct) where TRow : notnull =>
        await (await CommandAsync(sql, row, ct)).ExecuteScalarAsync(ct) is { } value and not DBNull
            ? (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture)
            : default;

    /// <returns>The first row the statement gives, as <paramref name="read"/> makes it; null when it gives none.</returns>
    public async Task<T?> FirstAsync<T, TRow>(string sql, TRow row, Func<DbDataReader, T> read, CancellationToken ct)
        where TRow : notnull where T : struct
    {
        await using var reader = await (await CommandAsync(sql, row, ct)).ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? read(reader) : null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (command, _) in _commands.Values)
            await command.DisposeAsync();
    }

    private async Task<DbCommand> CommandAsync<TRow>(string sql, TRow row, CancellationToken ct) where TRow : notnull
    {
        var connection = await session.ConnectionAsync(ct);
        var isNew = !_commands.TryGetValue(sql, out var entry);
        if (isNew)
        {
            var command = connection.CreateCommand();
            command.CommandText = dialect.Render(sql);
            var named = ParameterName().Matches(command.CommandText).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            var properties = typeof(TRow).GetProperties().Where(p => named.Contains(p.Name)).ToArray();
            foreach (var property in properties)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + property.Name;
                command.Parameters.Add(parameter);
            }
            _commands[sql] = entry = (command, properties);
        }

        var (cached, bound) = entry;
        cached.Transaction = session.Transaction;
        for (var i = 0; i < bound.Length; i++)
            cached.Parameters[i].Value = bound[i].GetValue(row) ?? DBNull.Value;
        // Npgsql fixes parameter types at Prepare, and a null makes a type unknown; it is reused unprepared.
        if (isNew && dialect.Provider == DatabaseProvider.Sqlite)
            await cached.PrepareAsync(ct);
        return cached;
    }

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterName();
}
