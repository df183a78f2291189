using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Nodes;

/// <summary>
/// Two API processes on one PostgreSQL database, each doing half of the work that concerns one ticket or one incident:
/// what one node does must be seen by the other as if one node had done both.
/// </summary>
[NonParallelizable]
public sealed class NodeHandoverTests
{
    private const int Versions = 60;

    /// <summary>
    /// Halo sends 60 versions of ticket 1234, one a minute from 08:00, its status alternating between in progress and
    /// waiting on the customer; they arrive in order, alternately at each node, while both nodes' processors work.
    /// Processed one connection at a time, every version is applied in order: 59 status changes, each once.
    /// </summary>
    [Test]
    public async Task VersionsOfOneTicket_ArrivingAtBothNodes_AreAppliedInOrder_EachOnce()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var (clientA, clientB) = (nodes.A, nodes.B);
        var customerId = await clientA.CreateAsync("/api/v1/customers", Definitions.Customer(source: "halo", id: "12"));
        var policyId = await clientA.CreateAsync("/api/v1/policies", Definitions.AroundTheClock().With("pauseStatuses", new[] { "waiting-customer" }));
        await clientA.CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, policyId));
        var connection = JsonNode.Parse(await (await clientA.PostAsJsonAsync("/api/v1/connections", new
        {
            kind = "halo",
            name = "HaloPSA",
            secret = "halo-basic-password",
            mapping = new
            {
                priorities = new Dictionary<string, int> { ["1"] = 1 },
                statuses = new Dictionary<string, string> { ["2"] = "in-progress", ["4"] = "waiting-customer" },
                serviceCode = "managed-workstations",
            },
        })).Content.ReadAsStringAsync())!;
        var inboundPath = new Uri(connection["inboundUrl"]!.GetValue<string>()).AbsolutePath;

        for (var version = 0; version < Versions; version++)
        {
            using var tool = (version % 2 == 0 ? nodes.First : nodes.Second).Client(null);
            using var request = new HttpRequestMessage(HttpMethod.Post, inboundPath)
            {
                Content = new StringContent(HaloVersion(version), Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("slaapi:halo-basic-password")));
            (await tool.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        var deliveries = await SettledAsync(clientB, connection["id"]!.GetValue<string>());
        deliveries.Select(d => d["status"]!.GetValue<string>()).Should().AllBe("processed", "each version is newer than the one applied before it");
        var incident = JsonNode.Parse(await clientB.GetStringAsync("/api/v1/incidents/by-ref/halo/1234"))!;
        var timeline = JsonNode.Parse(await clientA.GetStringAsync($"/api/v1/incidents/{incident["id"]}/timeline"))!;
        var changes = timeline["events"]!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == "status-changed")
            .Select(e => $"{e!["status"]} {e["occurredAt"]!.GetValue<DateTimeOffset>().ToUniversalTime():HH:mm}");
        changes.Should().Equal(Enumerable.Range(1, Versions - 1).Select(v => $"{HaloStatus(v)} {At(v):HH:mm}"));
    }

    /// <summary>
    /// P1 answered in 30 minutes under version 1 of the policy. Node B records a note at 11:05, so it holds the incident
    /// in its cache; version 2 allows 600 minutes and node A restates November under it; B then records the response at
    /// 12:00, 60 minutes in: met under the incident's new binding, which B must replay it under, not its cached one.
    /// </summary>
    [Test]
    public async Task AfterARestatementOnOneNode_TheOtherRecordsUnderTheNewBinding()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var (clientA, clientB) = (nodes.A, nodes.B);
        var customerId = await clientA.CreateAsync("/api/v1/customers", Definitions.Customer());
        var policyId = await clientA.CreateAsync("/api/v1/policies", Definitions.AroundTheClock(responseMinutes: 30));
        var agreementId = await clientA.CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, policyId));
        var incidentId = await clientA.CreateAsync("/api/v1/incidents", Definitions.Incident(customerId, "T-1"));
        await RecordAsync(clientB, incidentId, Definitions.Event("note", "updated", "2026-11-25T11:05:00Z"));

        using (var revision = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/policies/{policyId}") { Content = JsonContent.Create(Definitions.AroundTheClock(responseMinutes: 600, resolutionMinutes: 1200)) })
        {
            revision.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            var revised = await clientA.SendAsync(revision);
            revised.IsSuccessStatusCode.Should().BeTrue(await revised.Content.ReadAsStringAsync());
        }
        (await clientA.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/restatements",
            new { from = "2026-11-01T00:00:00Z", to = "2026-12-01T00:00:00Z", reason = "The response target was agreed at ten hours" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        await RecordAsync(clientB, incidentId, Definitions.Event("answer", "responded", "2026-11-25T12:00:00Z"));

        var stored = JsonNode.Parse(await clientA.GetStringAsync($"/api/v1/incidents?customerId={customerId}"))!["items"]!.AsArray().Single()!;
        Response(stored)["state"]!.GetValue<string>().Should().Be("met", "60 minutes is within the 600 of the binding B recorded under");
        var fresh = JsonNode.Parse(await clientB.GetStringAsync($"/api/v1/incidents/{incidentId}"))!;
        fresh["sla"]!["policyVersion"]!.GetValue<int>().Should().Be(2);
        Response(fresh)["state"]!.GetValue<string>().Should().Be("met");
        var compliance = JsonNode.Parse(await clientA.GetStringAsync(
            "/api/v1/reports/compliance?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=metric"))!;
        var response = compliance["rows"]!.AsArray().Single(r => r!["metric"]!.GetValue<string>() == "response")!;
        (response["met"]!.GetValue<long>(), response["breached"]!.GetValue<long>()).Should().Be((1L, 0L));
    }

    private static JsonNode Response(JsonNode incident) =>
        incident["clocks"]!.AsArray().Single(c => c!["metric"]!.GetValue<string>() == "response")!;

    private static async Task RecordAsync(HttpClient client, string incidentId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/events", body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static DateTimeOffset At(int version) => new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero).AddMinutes(version);

    private static string HaloStatus(int version) => version % 2 == 0 ? "in-progress" : "waiting-customer";

    private static string HaloVersion(int version) => new JsonObject
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["event"] = "Ticket Updated",
        ["timestamp"] = At(version).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        ["ticket"] = new JsonObject
        {
            ["id"] = 1234,
            ["client_id"] = 12,
            ["summary"] = "Printer offline on floor 2",
            ["status_id"] = version % 2 == 0 ? 2 : 4,
            ["priority_id"] = 1,
            ["dateoccurred"] = "2026-11-25T08:00:00",
        },
    }.ToJsonString();

    private static async Task<JsonNode[]> SettledAsync(HttpClient client, string connectionId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var deliveries = JsonNode.Parse(await client.GetStringAsync($"/api/v1/connections/{connectionId}/deliveries?limit=200"))!.AsArray().Select(d => d!).ToArray();
            if ((deliveries.Length == Versions && deliveries.All(d => d["status"]!.GetValue<string>() != "pending")) || DateTime.UtcNow > deadline)
            {
                deliveries.Should().HaveCount(Versions);
                return deliveries;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Two processes on one new PostgreSQL database, each with a client holding the first admin key.</summary>
    private sealed class TwoNodes(ApiProcess a, ApiProcess b) : IAsyncDisposable
    {
        public ApiProcess First => a;

        public ApiProcess Second => b;

        public HttpClient A { get; } = a.Client(a.PrintedKey!);

        public HttpClient B { get; } = b.Client(a.PrintedKey!);

        public static async Task<TwoNodes> StartAsync()
        {
            TestEngines.RequirePostgres();
            var database = await TestDatabase.CreateMigratedAsync(TestEngine.Postgres);
            var a = await ApiProcess.StartAsync(database.Options);
            try
            {
                return new TwoNodes(a, await ApiProcess.StartAsync(database.Options));
            }
            catch
            {
                await a.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            A.Dispose();
            B.Dispose();
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }
}
