using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Connectors;

/// <summary>
/// One customer, Acme, known to every tool by its own id (ConnectWise company 250, Autotask 29684, Halo client 12,
/// NinjaOne organisation 3, Datto site "site-acme"), and an agreement for managed workstations on 24x7: unless a test
/// sets its own <see cref="Targets"/>, P2 responds in 60 and resolves in 480 minutes; "waiting-customer" pauses. Fixtures under tests/fixtures/connectors/ are
/// deliveries shaped as each vendor documents them, with invented values, about a ticket opened at 08:00Z on the day
/// the tests' clock stands (2026-11-25, 12:00Z).
/// </summary>
public abstract class ConnectorTest(TestEngine engine) : ApiTest(engine)
{
    protected string CustomerId { get; private set; } = "";

    protected virtual object[] Targets =>
    [
        new { priority = 1, responseMinutes = 30, resolutionMinutes = 240 },
        new { priority = 2, responseMinutes = 60, resolutionMinutes = 480 },
        new { priority = 3, responseMinutes = 240, resolutionMinutes = 960 },
    ];

    protected virtual Dictionary<string, object?> Agreement(string customerId, string policyId) => Definitions.Agreement(customerId, policyId);

    [SetUp]
    public async Task DefineAcme()
    {
        var policy = new Dictionary<string, object?>
        {
            ["name"] = "24x7 managed workstations",
            ["calendarId"] = Definitions.TwentyFourSeven,
            ["targets"] = Targets,
            ["pauseStatuses"] = new[] { "waiting-customer" },
        };
        var policyId = (await CreateAsync("/api/v1/policies", policy))["id"]!.GetValue<string>();
        var customer = new Dictionary<string, object?>
        {
            ["name"] = "Acme",
            ["externalRefs"] = new[]
            {
                new { source = "connectwise", id = "250" }, new { source = "autotask", id = "29684" }, new { source = "halo", id = "12" },
                new { source = "ninjaone", id = "3" }, new { source = "datto-rmm", id = "site-acme" },
            },
        };
        CustomerId = (await CreateAsync("/api/v1/customers", customer))["id"]!.GetValue<string>();
        await CreateAsync("/api/v1/agreements", Agreement(CustomerId, policyId));
    }

    protected static string Fixture(string kind, string name) =>
        File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "fixtures", "connectors", kind, name));

    /// <summary>Creates the connection and answers its id and the path of its inbound URL.</summary>
    protected async Task<(string Id, string InboundPath)> ConnectAsync(object body)
    {
        var created = await CreateAsync("/api/v1/connections", body);
        return (created["id"]!.GetValue<string>(), new Uri(created["inboundUrl"]!.GetValue<string>()).AbsolutePath);
    }

    /// <summary>Posts a delivery as the tool would: no API key, its own headers.</summary>
    protected async Task<HttpResponseMessage> DeliverAsync(string inboundPath, string body, params (string Name, string Value)[] headers)
    {
        using var client = ClientWithKey(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, inboundPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return await client.SendAsync(request);
    }

    protected async Task DeliverAcceptedAsync(string inboundPath, string body, params (string Name, string Value)[] headers)
    {
        var response = await DeliverAsync(inboundPath, body, headers);
        if (response.StatusCode != HttpStatusCode.Accepted)
            Assert.Fail($"The delivery answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The connection's deliveries, oldest first, once there are <paramref name="count"/> and none is pending (ten seconds at most).</summary>
    protected async Task<JsonNode[]> SettledDeliveriesAsync(string connectionId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var deliveries = (await ReadAsync(await Client.GetAsync($"/api/v1/connections/{connectionId}/deliveries?limit=200"))).AsArray()
                .Select(d => d!).Reverse().ToArray();
            if ((deliveries.Length >= count && deliveries.All(d => d["status"]!.GetValue<string>() != "pending")) || DateTime.UtcNow > deadline)
            {
                deliveries.Should().HaveCount(count);
                return deliveries;
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Applies one polled version of a ticket and waits until it is processed.</summary>
    protected async Task PollAsync(string connectionId, object ticket)
    {
        var response = await PostAsync($"/api/v1/connections/{connectionId}/snapshots", new { tickets = new[] { ticket } });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var deliveryId = (await ReadAsync(response))["deliveryIds"]![0]!.GetValue<string>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var delivery = await ReadAsync(await Client.GetAsync($"/api/v1/connections/{connectionId}/deliveries/{deliveryId}"));
            var status = delivery["status"]!.GetValue<string>();
            if (status != "pending")
            {
                status.Should().Be("processed", delivery["reason"]?.ToString());
                return;
            }
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Delivery {deliveryId} still pending after 10 s.");
            await Task.Delay(20);
        }
    }

    protected static string[] Statuses(IEnumerable<JsonNode> deliveries) => deliveries.Select(d => d["status"]!.GetValue<string>()).ToArray();

    protected async Task<JsonNode> IncidentAsync(string source, string externalId)
    {
        var response = await Client.GetAsync($"/api/v1/incidents/by-ref/{source}/{Uri.EscapeDataString(externalId)}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ReadAsync(response);
    }

    /// <summary>The incident's events as "type detail HH:mm", in the order recorded.</summary>
    protected async Task<string[]> EventsAsync(JsonNode incident)
    {
        var timeline = await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{incident["id"]}/timeline"));
        return timeline["events"]!.AsArray().Select(e =>
        {
            var detail = e!["status"]?.GetValue<string>() ?? e["priority"]?.ToString();
            var at = e["occurredAt"]!.GetValue<DateTimeOffset>().ToUniversalTime().ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            return detail is null ? $"{e["type"]} {at}" : $"{e["type"]} {detail} {at}";
        }).ToArray();
    }

    protected static JsonNode Clock(JsonNode incident, string metric) =>
        incident["clocks"]!.AsArray().Single(c => c!["metric"]!.GetValue<string>() == metric)!;

    /// <summary>
    /// The life every PSA test drives: opened 08:00 as new, first response 08:20 (in progress), waiting on the customer
    /// 09:00–10:00, resolved 10:30, reopened 10:45, closed 11:00.
    /// </summary>
    protected static readonly string[] TicketLife =
    [
        "responded 08:20", "status-changed in-progress 08:20", "status-changed waiting-customer 09:00", "status-changed in-progress 10:00",
        "resolved 10:30", "reopened 10:45", "resolved 11:00",
    ];

    /// <summary>
    /// Response met at 20 minutes; resolution met at 105 minutes: 08:00–11:00 less the hour waiting on the customer
    /// and the quarter hour between resolution and reopening, within the reopen window.
    /// </summary>
    protected async Task AssertTicketLifeAsync(string source, string externalId, string title)
    {
        var incident = await IncidentAsync(source, externalId);
        incident["customerId"]!.GetValue<string>().Should().Be(CustomerId);
        incident["title"]!.GetValue<string>().Should().Be(title);
        incident["priority"]!.GetValue<int>().Should().Be(2);
        incident["openedAt"]!.GetValue<DateTimeOffset>().Should().Be(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        incident["sla"]!["bound"]!.GetValue<bool>().Should().BeTrue();
        (await EventsAsync(incident)).Should().Equal(TicketLife);
        Clock(incident, "response")["state"]!.GetValue<string>().Should().Be("met");
        Clock(incident, "response")["elapsedSeconds"]!.GetValue<long>().Should().Be(20 * 60);
        Clock(incident, "resolution")["state"]!.GetValue<string>().Should().Be("met");
        Clock(incident, "resolution")["elapsedSeconds"]!.GetValue<long>().Should().Be(105 * 60);
        incident["finalResolvedAt"]!.GetValue<DateTimeOffset>().Should().Be(new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero));
    }
}
