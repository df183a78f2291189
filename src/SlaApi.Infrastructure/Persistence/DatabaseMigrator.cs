using System.Security.Cryptography;
using System.Text;
using DbUp;
using DbUp.Engine;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SlaApi.Infrastructure.Persistence;

/// <summary>Applies the numbered scripts of db-migrations/&lt;engine&gt; (embedded at build), journaled in <c>schema_versions</c>.</summary>
public sealed class DatabaseMigrator(DatabaseOptions options, ILogger<DatabaseMigrator> logger)
{
    public const string JournalTable = "schema_versions";

    private const string PostgresLockStatement = "SELECT pg_advisory_lock(@Key)";

    private const string SqlServerLockSql = """
        DECLARE @granted int;
        EXEC @granted = sp_getapplock @Resource = @Name, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 120000;
        IF @granted < 0 THROW 50000, 'The migration lock was not granted within two minutes.', 1;
        """;

    public void Migrate()
    {
        using var migrationLock = TakeMigrationLock();
        PrepareDatabase();
        var result = BuildEngine().PerformUpgrade();
        if (!result.Successful)
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        if (options.Provider == DatabaseProvider.Sqlite)
            CheckSqliteForeignKeys();
        foreach (var script in result.Scripts)
            logger.LogInformation("Applied migration {Script}", script.Name);
    }

    public bool IsUpToDate() => !BuildEngine().IsUpgradeRequired();

    /// <summary>The embedded scripts of the configured engine, in the order they run.</summary>
    public IReadOnlyList<string> ScriptNames() =>
        typeof(DatabaseMigrator).Assembly.GetManifestResourceNames().Where(IsScriptOfEngine).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Instances that start together on one server database migrate one after the other: the first creates the
    /// database and applies the scripts, the next finds them applied. The lock is a session lock on the server's
    /// maintenance database, which exists before ours does, and is released when the connection closes. SQLite serves
    /// one instance.
    /// </summary>
    private IDisposable? TakeMigrationLock()
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
            {
                var target = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ConnectionString) { Database = "postgres", Pooling = false }.ToString());
                connection.Open();
                using var command = new NpgsqlCommand(PostgresLockStatement, connection);
                command.Parameters.AddWithValue("Key", LockKey(target.Database ?? ""));
                command.ExecuteNonQuery();
                return connection;
            }
            case DatabaseProvider.SqlServer:
            {
                var target = new SqlConnectionStringBuilder(options.ConnectionString);
                var connection = new SqlConnection(new SqlConnectionStringBuilder(options.ConnectionString) { InitialCatalog = "master", Pooling = false }.ToString());
                connection.Open();
                using var command = new SqlCommand(SqlServerLockSql, connection) { CommandTimeout = 150 };
                command.Parameters.AddWithValue("@Name", $"slaapi-migrations:{target.InitialCatalog}");
                command.ExecuteNonQuery();
                return connection;
            }
            default:
                return null;
        }
    }

    /// <summary>One advisory lock per database name, so that migrating one database never waits for another.</summary>
    private static long LockKey(string database) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"slaapi-migrations:{database}")));

    private void PrepareDatabase()
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                using (var connection = new SqliteConnection(options.ConnectionString))
                {
                    connection.Open();
                    using var command = connection.CreateCommand();
                    // WAL lets readers run beside the single writer; the mode is stored in the file.
                    command.CommandText = "PRAGMA journal_mode=WAL;";
                    command.ExecuteNonQuery();
                }
                break;
            case DatabaseProvider.Postgres:
                EnsureDatabase.For.PostgresqlDatabase(options.ConnectionString);
                break;
            case DatabaseProvider.SqlServer:
                EnsureDatabase.For.SqlDatabase(options.ConnectionString);
                break;
        }
    }

    private UpgradeEngine BuildEngine()
    {
        var builder = options.Provider switch
        {
            DatabaseProvider.Sqlite => DeployChanges.To.SqliteDatabase(MigrationConnectionString()).JournalToSqliteTable(JournalTable),
            DatabaseProvider.Postgres => DeployChanges.To.PostgresqlDatabase(options.ConnectionString).JournalToPostgresqlTable("public", JournalTable),
            DatabaseProvider.SqlServer => DeployChanges.To.SqlDatabase(options.ConnectionString).JournalToSqlTable("dbo", JournalTable),
            _ => throw new InvalidOperationException($"Unknown database provider {options.Provider}."),
        };
        return builder
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, IsScriptOfEngine)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
    }

    /// <summary>
    /// SQLite alters a table by rebuilding it, which foreign keys forbid inside a transaction; SQLite's guide has them off
    /// while migrating and checked afterwards (<see cref="CheckSqliteForeignKeys"/>).
    /// </summary>
    private string MigrationConnectionString() =>
        new SqliteConnectionStringBuilder(options.ConnectionString) { ForeignKeys = false }.ToString();

    private void CheckSqliteForeignKeys()
    {
        using var connection = new SqliteConnection(options.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_key_check;";
        using var reader = command.ExecuteReader();
        if (reader.Read())
            throw new InvalidOperationException($"After migrating, a row of {reader.GetString(0)} refers to a missing row of {reader.GetString(2)}.");
    }

    private bool IsScriptOfEngine(string resourceName) =>
        resourceName.Contains($".Migrations.{options.Provider.ToString().ToLowerInvariant()}.", StringComparison.Ordinal) &&
        resourceName.EndsWith(".sql", StringComparison.Ordinal);
}
