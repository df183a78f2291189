using DbUp;
using DbUp.Engine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SlaApi.Infrastructure.Persistence;

/// <summary>Applies the numbered scripts of db-migrations/&lt;engine&gt; (embedded at build), journaled in <c>schema_versions</c>.</summary>
public sealed class DatabaseMigrator(DatabaseOptions options, ILogger<DatabaseMigrator> logger)
{
    public const string JournalTable = "schema_versions";

    public void Migrate()
    {
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
