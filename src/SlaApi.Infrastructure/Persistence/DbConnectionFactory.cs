using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Polly;
using Polly.Retry;

namespace SlaApi.Infrastructure.Persistence;

/// <summary>Opens connections to the configured engine, retrying the failures the driver calls transient.</summary>
public sealed class DbConnectionFactory : IAsyncDisposable
{
    private readonly DatabaseOptions _options;
    private readonly NpgsqlDataSource? _postgres;
    private readonly ResiliencePipeline _openPipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<DbException>(e => e.IsTransient),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(100),
            UseJitter = true,
        })
        .Build();

    public DbConnectionFactory(DatabaseOptions options)
    {
        _options = options;
        if (options.Provider == DatabaseProvider.Postgres)
            _postgres = NpgsqlDataSource.Create(options.ConnectionString);
    }

    public DatabaseProvider Provider => _options.Provider;

    public async Task<DbConnection> OpenAsync(CancellationToken ct) =>
        await _openPipeline.ExecuteAsync(async token =>
        {
            var connection = Create();
            try
            {
                await connection.OpenAsync(token);
                if (connection is SqliteConnection sqlite)
                    await MakeDurableAsync(sqlite, token);
                return connection;
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }, ct);

    /// <summary>
    /// A commit is on disk before it is acknowledged: in WAL mode SQLite's NORMAL would only protect against
    /// corruption, not against losing the last commits at a power cut. A connection that finds the write lock taken
    /// waits in SQLite's own busy handler, which looks again within milliseconds, rather than in the driver's retry,
    /// which sleeps 150 ms each time: the alert scheduler shares the lock with every writer. Both settings belong to
    /// each connection.
    /// </summary>
    private static async Task MakeDurableAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";
        await command.ExecuteNonQueryAsync(ct);
    }

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;

    private DbConnection Create() => _options.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(_options.ConnectionString),
        DatabaseProvider.Postgres => _postgres!.CreateConnection(),
        DatabaseProvider.SqlServer => new SqlConnection(_options.ConnectionString),
        _ => throw new InvalidOperationException($"Unknown database provider {_options.Provider}."),
    };
}
