using System.Net;
using System.Text;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Connectors;

/// <summary>
/// A burst of deliveries larger than the connection pool is stored whole: a request waiting for the inbox's group
/// commit holds no connection meanwhile, so the commit always finds one. On PostgreSQL the pool is cut to four for the test.
/// </summary>
public sealed class InboundBurstTests(TestEngine engine) : ApiTest(engine)
{
    private const int Burst = 40;

    [Test]
    public async Task MoreDeliveriesAtOnceThanThePoolHolds_AreAllStored()
    {
        await using var factory = new SlaApiFactory(Database, new FakeTimeProvider(Now), SmallPool());
        using var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await factory.IssueKeyAsync([Scopes.Admin]));
        var created = await ReadAsync(await admin.PostAsync("/api/v1/connections", Json(new { kind = "ninjaone", name = "NinjaOne" })));
        var inbound = new Uri(created["inboundUrl"]!.GetValue<string>()).AbsolutePath;
        using var tool = factory.CreateClient();
        tool.Timeout = TimeSpan.FromSeconds(20);

        var answers = await Task.WhenAll(Enumerable.Range(0, Burst).Select(i => tool.PostAsync(inbound, Json(new { id = i }))));

        answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Accepted,
            "each request gave its connection back before waiting for the commit; none is left for the commit otherwise");
        var deliveries = await ReadAsync(await admin.GetAsync($"/api/v1/connections/{created["id"]}/deliveries?limit=200"));
        deliveries.AsArray().Should().HaveCount(Burst);
    }

    private Dictionary<string, string?> SmallPool() => Engine == TestEngine.Postgres
        ? new() { ["ConnectionStrings:Sla"] = new NpgsqlConnectionStringBuilder(Database.Options.ConnectionString) { MaxPoolSize = 4, Timeout = 5 }.ToString() }
        : [];

    private static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
