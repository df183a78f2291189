using Dapper;
using FluentAssertions;
using SlaApi.Infrastructure.Persistence;
using SlaApi.TestSupport;

namespace SlaApi.Infrastructure.IntegrationTests.Persistence;

/// <summary>Values written by prepared commands and by Dapper must be the same values to the database.</summary>
public sealed class PreparedCommandsTests(TestEngine engine) : DatabaseTest(engine)
{
    private sealed record CustomerRow(Guid Id, string Name, DateTimeOffset CreatedAt);

    private sealed record IdRow(Guid Id);

    [Test]
    public async Task WrittenByPreparedCommand_IsFoundByDapper_AndTheOtherWayRound()
    {
        var prepared = Get<PreparedCommands>();
        var db = Get<SessionQueries>();
        var first = new CustomerRow(Guid.NewGuid(), "prepared", new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var second = new CustomerRow(Guid.NewGuid(), "dapper", new DateTimeOffset(2026, 11, 25, 12, 0, 0, 500, TimeSpan.Zero));
        const string insert = "INSERT INTO customers (id, name, created_at) VALUES (@Id, @Name, @CreatedAt)";

        await prepared.ExecuteAsync(insert, first, CancellationToken.None);
        await db.ExecuteAsync(insert, second, CancellationToken.None);

        (await db.QuerySingleOrDefaultAsync<string>("SELECT name FROM customers WHERE id = @Id", new { first.Id }, CancellationToken.None))
            .Should().Be("prepared");
        (await prepared.ScalarAsync<string, IdRow>("SELECT name FROM customers WHERE id = @Id", new IdRow(second.Id), CancellationToken.None))
            .Should().Be("dapper");
        (await db.QueryAsync<string>("SELECT name FROM customers WHERE created_at > @At ORDER BY created_at", new { At = first.CreatedAt }, CancellationToken.None))
            .Should().Equal("dapper");
    }
}
