using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using SlaApi.Infrastructure.Persistence;
using SlaApi.TestSupport;

namespace SlaApi.Infrastructure.IntegrationTests.Migrations;

public sealed class DatabaseMigratorTests(TestEngine engine) : DatabaseTest(engine)
{
    [Test]
    public void Migrate_AppliesEveryScriptOfTheEngine_AndIsThenUpToDate()
    {
        var migrator = new DatabaseMigrator(Database.Options, NullLogger<DatabaseMigrator>.Instance);

        migrator.IsUpToDate().Should().BeTrue();
        var folder = Engine switch { TestEngine.Sqlite => "sqlite", TestEngine.Postgres => "postgres", _ => "sqlserver" };
        migrator.ScriptNames().Select(n => n.Split('.')[^2]).Should()
            .Equal(Directory.GetFiles(RepoPaths.Migrations(folder), "*.sql").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
    }

    [Test]
    public void Migrate_RunAgain_ChangesNothing()
    {
        var migrator = new DatabaseMigrator(Database.Options, NullLogger<DatabaseMigrator>.Instance);

        migrator.Migrate();

        migrator.IsUpToDate().Should().BeTrue();
    }
}

public sealed class SqliteDatabaseTests
{
    [Test]
    public async Task Migrate_PutsTheFileInWriteAheadLogMode()
    {
        var database = await TestDatabase.CreateMigratedAsync(TestEngine.Sqlite);
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        (await command.ExecuteScalarAsync()).Should().Be("wal");
    }

    [Test]
    public async Task Connections_CommitWithFullSync_EvenWhenThePooledConnectionWasWeakened()
    {
        var database = await TestDatabase.CreateMigratedAsync(TestEngine.Sqlite);
        await using var factory = new DbConnectionFactory(database.Options);
        await using (var weakened = await factory.OpenAsync(CancellationToken.None))
        {
            await using var weaken = weakened.CreateCommand();
            weaken.CommandText = "PRAGMA synchronous = OFF;";
            await weaken.ExecuteNonQueryAsync();
        }

        await using var connection = await factory.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";

        (await command.ExecuteScalarAsync()).Should().Be(2L, "2 is FULL, whatever the pooled connection was left with");
    }
}
