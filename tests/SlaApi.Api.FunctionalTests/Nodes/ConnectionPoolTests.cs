using System.Net;
using System.Text;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SlaApi.Api.FunctionalTests.Alerts;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Nodes;

/// <summary>
/// No request holds a pooled connection while it waits: not for the inbox's or the event writer's group commit, which
/// needs one of the same pool, nor for the hours an alert stream stays open. On PostgreSQL the pool is cut to four.
/// </summary>
public sealed class ConnectionPoolTests(TestEngine engine) : ApiTest(engine)
{
    private const int Burst = 40;

    [Test]
    public async Task MoreDeliveriesAtOnceThanThePoolHolds_AreAllStored()
    {
        await using var factory = new SlaApiFactory(Database, new FakeTimeProvider(Now), SmallPool());
        using var admin = await AdminAsync(factory);
        var created = await ReadAsync(await admin.PostAsync("/api/v1/connections", Json(new { kind = "ninjaone", name = "NinjaOne" })));
        var inbound = new Uri(created["inboundUrl"]!.GetValue<string>()).AbsolutePath;
        using var tool = factory.CreateClient();
        tool.Timeout = TimeSpan.FromSeconds(20);

        var answers = await Task.WhenAll(Enumerable.Range(0, Burst).Select(i => tool.PostAsync(inbound, Json(new { id = i }))));

        answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Accepted,
            "each request gave its connection back before waiting for the commit; none is left for the commit otherwise");
        (await ReadAsync(await admin.GetAsync($"/api/v1/connections/{created["id"]}/deliveries?limit=200"))).AsArray().Should().HaveCount(Burst);
    }

    [Test]
    public async Task MoreStreamsThanThePoolHolds_OpenAndLeaveTheApiServing()
    {
        await using var factory = new SlaApiFactory(Database, new FakeTimeProvider(Now), SmallPool());
        using var admin = await AdminAsync(factory);
        using var dashboard = factory.CreateClient();
        dashboard.DefaultRequestHeaders.Authorization = new("Bearer", await factory.IssueKeyAsync([Scopes.SlaRead]));
        var streams = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < 5; i++)
                streams.Add(await AlertStreams.OpenAsync(dashboard));

            (await admin.GetAsync("/api/v1/incidents")).StatusCode.Should().Be(HttpStatusCode.OK, "five open streams hold none of the four connections");
        }
        finally
        {
            foreach (var stream in streams)
                stream.Dispose();
        }
    }

    private static async Task<HttpClient> AdminAsync(SlaApiFactory factory)
    {
        var admin = factory.CreateClient();
        admin.Timeout = TimeSpan.FromSeconds(20);
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await factory.IssueKeyAsync([Scopes.Admin]));
        return admin;
    }

    private Dictionary<string, string?> SmallPool() => Engine == TestEngine.Postgres
        ? new() { ["ConnectionStrings:Sla"] = new NpgsqlConnectionStringBuilder(Database.Options.ConnectionString) { MaxPoolSize = 4, Timeout = 5 }.ToString() }
        : [];

    private static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
