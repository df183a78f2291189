using NUnit.Framework;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Respawn;
using Respawn.Graph;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.TestSupport;

/// <summary>
/// A database of its own for one fixture, built by the production migrator and emptied by Respawn before each
/// test. SQLite is a temp file; PostgreSQL a database in the throwaway cluster; SQL Server the instance named by
/// SLAAPI_TEST_SQLSERVER.
/// </summary>
public sealed class TestDatabase
{
    private Respawner? _respawner;

    private TestDatabase(TestEngine engine, DatabaseOptions options, string? sqliteFile)
    {
        Engine = engine;
        Options = options;
        SqliteFile = sqliteFile;
    }

    public TestEngine Engine { get; }

    public DatabaseOptions Options { get; }

    public string? SqliteFile { get; }

    /// <summary>Creates and migrates the database, or ignores the calling fixture when the engine is not available here.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(TestEngine engine)
    {
        var database = engine switch
        {
            TestEngine.Sqlite => CreateSqlite(),
            TestEngine.Postgres => await CreatePostgresAsync(),
            _ => CreateSqlServer(),
        };
        new DatabaseMigrator(database.Options, NullLogger<DatabaseMigrator>.Instance).Migrate();
        return database;
    }

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Engine switch
        {
            TestEngine.Sqlite => new SqliteConnection(Options.ConnectionString),
            TestEngine.Postgres => new NpgsqlConnection(Options.ConnectionString),
            _ => new SqlConnection(Options.ConnectionString),
        };
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// Empties every table. An API running on the database may still be firing the previous test's alerts: its
    /// transactions can deadlock with the deletes (tried again), and commit alerts behind the first pass, which the
    /// second pass removes; once the alarms are gone nothing is left to fire.
    /// </summary>
    public async Task ResetAsync()
    {
        await using var connection = await OpenAsync();
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = Engine switch
            {
                TestEngine.Sqlite => DbAdapter.Sqlite,
                TestEngine.Postgres => DbAdapter.Postgres,
                _ => DbAdapter.SqlServer,
            },
            TablesToIgnore = [new Table(DatabaseMigrator.JournalTable)],
        });
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _respawner.ResetAsync(connection);
                await _respawner.ResetAsync(connection);
                return;
            }
            catch (DbException e) when (attempt < 5 && e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected } or SqlException { Number: 1205 })
            {
                await Task.Delay(50 * attempt);
            }
        }
    }

    private static TestDatabase CreateSqlite()
    {
        var file = Path.Combine(Path.GetTempPath(), $"slaapi-test-{Guid.NewGuid():N}.db");
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = file, ForeignKeys = true, DefaultTimeout = 30 }.ToString(),
        };
        return new TestDatabase(TestEngine.Sqlite, options, file);
    }

    private static async Task<TestDatabase> CreatePostgresAsync()
    {
        TestEngines.RequirePostgres();
        var cluster = await PostgresCluster.GetAsync();
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = cluster.ConnectionString($"slaapi_{Guid.NewGuid():N}"),
        };
        return new TestDatabase(TestEngine.Postgres, options, null);
    }

    private static TestDatabase CreateSqlServer()
    {
        var connectionString = Environment.GetEnvironmentVariable(TestEngines.SqlServerVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
            Assert.Ignore($"SQL Server tests run when {TestEngines.SqlServerVariable} holds a connection string; it is not set here.");
        var builder = new SqlConnectionStringBuilder(connectionString) { InitialCatalog = $"slaapi_{Guid.NewGuid():N}" };
        var options = new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = builder.ToString() };
        return new TestDatabase(TestEngine.SqlServer, options, null);
    }
}
