using Dapper;
using DbUp;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.IntegrationTests.Migrations;

/// <summary>
/// Migration 0008 rebuilds SQLite's incidents table to make (source, externalId) unique per customer. A database
/// stopped at 0007 with an incident, its events and clocks keeps every row and every reference across it.
/// </summary>
public sealed class IncidentRefMigrationTests
{
    [Test]
    public async Task SqliteRebuild_KeepsEveryIncidentAndWhatRefersToIt_AndAllowsTheRefForAnotherCustomer()
    {
        var file = Path.Combine(Path.GetTempPath(), $"slaapi-migration-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, ForeignKeys = true }.ToString();
        var upTo0007 = DeployChanges.To.SqliteDatabase(connectionString).JournalToSqliteTable(DatabaseMigrator.JournalTable)
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly,
                name => name.Contains(".Migrations.sqlite.", StringComparison.Ordinal) && string.CompareOrdinal(name.Split('.')[^2], "0008") < 0)
            .LogToNowhere().Build().PerformUpgrade();
        upTo0007.Successful.Should().BeTrue(upTo0007.Error?.Message);

        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.ExecuteAsync("""
                INSERT INTO customers (id, name, created_at) VALUES ('c-a', 'Acme', '2026-11-01T00:00:00Z'), ('c-b', 'Globex', '2026-11-01T00:00:00Z');
                INSERT INTO incidents (id, source, external_id, customer_id, title, opened_priority, opened_at, priority, is_open, excluded,
                    event_count, created_at, final_resolution_seconds)
                VALUES ('i-1', 'connectwise', 'T-9', 'c-a', 'Email is down', 1, '2026-11-25T11:00:00Z', 1, 1, 0, 1, '2026-11-25T11:00:00Z', 3600);
                INSERT INTO incident_events (incident_id, event_id, sequence, type, occurred_at, received_at)
                VALUES ('i-1', 'e-1', 1, 'responded', '2026-11-25T11:10:00Z', '2026-11-25T11:10:00Z');
                """);
        }

        new DatabaseMigrator(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connectionString },
            NullLogger<DatabaseMigrator>.Instance).Migrate();

        await using var migrated = new SqliteConnection(connectionString);
        (await migrated.QuerySingleAsync<(string Title, long Seconds)>("SELECT title, final_resolution_seconds FROM incidents WHERE id = 'i-1'"))
            .Should().Be(("Email is down", 3600L));
        (await migrated.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM incident_events WHERE incident_id = 'i-1'")).Should().Be(1);
        await migrated.ExecuteAsync("""
            INSERT INTO incidents (id, source, external_id, customer_id, title, opened_priority, opened_at, priority, is_open, excluded, event_count, created_at)
            VALUES ('i-2', 'connectwise', 'T-9', 'c-b', 'Printer', 3, '2026-11-25T11:00:00Z', 3, 1, 0, 0, '2026-11-25T11:00:00Z');
            """);
        var sameCustomerAgain = () => migrated.ExecuteAsync("""
            INSERT INTO incidents (id, source, external_id, customer_id, title, opened_priority, opened_at, priority, is_open, excluded, event_count, created_at)
            VALUES ('i-3', 'connectwise', 'T-9', 'c-a', 'Again', 3, '2026-11-25T11:00:00Z', 3, 1, 0, 0, '2026-11-25T11:00:00Z');
            """);
        await sameCustomerAgain.Should().ThrowAsync<SqliteException>().WithMessage("*UNIQUE*");
        var orphan = () => migrated.ExecuteAsync(
            "INSERT INTO incident_events (incident_id, event_id, sequence, type, occurred_at, received_at) VALUES ('nope', 'e', 1, 'updated', 'x', 'x')");
        await orphan.Should().ThrowAsync<SqliteException>().WithMessage("*FOREIGN KEY*", "events still refer to the rebuilt table");
    }
}
