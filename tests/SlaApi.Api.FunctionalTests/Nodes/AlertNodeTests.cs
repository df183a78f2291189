using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Alerts;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Nodes;

/// <summary>
/// Alerts across process deaths and nodes, on the real clock. A P1 on 24x7 responds in one minute and resolves in two,
/// warning at 50 %; its incidents are posted 100 seconds after they opened, so three of each one's alerts are late
/// and fire at once, and its resolution breaches 20 seconds later.
/// </summary>
[NonParallelizable]
public sealed class AlertNodeTests
{
    private const int AlertsPerIncident = 4;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Webhooks:AllowPrivateAddresses"] = "true",
        // A killed node's claimed deliveries are sent again once their lease runs out.
        ["Webhooks:Lease"] = "00:00:03",
    };

    [TestCaseSource(typeof(TestEngines), nameof(TestEngines.All))]
    public async Task KilledWithAlertsDueAndDeliveriesInFlight_EveryAlertIsDeliveredAfterARestart(TestEngine engine)
    {
        var database = await TestDatabase.CreateMigratedAsync(engine);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromSeconds(1);
        var node = await ApiProcess.StartAsync(database.Options, Settings);
        var key = node.PrintedKey!;
        using (var client = node.Client(key))
        {
            await SubscribeAsync(client, receiver);
            var openedAt = await OpenLateIncidentsAsync(client, count: 30);
            (await receiver.WaitForAsync(r => r.Received.Count >= 5)).Should().BeTrue("deliveries are under way");

            // SIGKILL with deliveries in flight (16 at a time, each answered after a second) and the resolution
            // breaches still to come; they fall due while the node is down.
            await node.DisposeAsync();
            await WaitUntilAsync(openedAt.AddMinutes(2).AddSeconds(2));
        }

        await using var restarted = await ApiProcess.StartAsync(database.Options, Settings);
        using var again = restarted.Client(key);
        var fired = await ClockAlertsAsync(again, 30 * AlertsPerIncident);

        fired.Should().HaveCount(30 * AlertsPerIncident, "each (clock, threshold) and each breach fires once, across the restart");
        var ids = fired.Select(a => a["id"]!.GetValue<string>()).ToHashSet();
        (await receiver.WaitForAsync(r => ids.IsSubsetOf(DeliveredAlertIds(r)), seconds: 60)).Should().BeTrue(
            $"every alert is delivered at least once; missing {ids.Except(DeliveredAlertIds(receiver)).Count()}");
    }

    [Test]
    public async Task TwoNodesOnOnePostgresDatabase_FireEachAlertOnce_AndDeliverItOnce()
    {
        TestEngines.RequirePostgres();
        var database = await TestDatabase.CreateMigratedAsync(TestEngine.Postgres);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var a = await ApiProcess.StartAsync(database.Options, Settings);
        var key = a.PrintedKey!;
        await using var b = await ApiProcess.StartAsync(database.Options, Settings);
        using var clientA = a.Client(key);
        using var clientB = b.Client(key);

        await SubscribeAsync(clientA, receiver);
        var openedAt = await OpenLateIncidentsAsync(clientA, count: 40, other: clientB);
        await WaitUntilAsync(openedAt.AddMinutes(2));

        var fired = await ClockAlertsAsync(clientB, 40 * AlertsPerIncident);
        fired.Should().HaveCount(40 * AlertsPerIncident);
        fired.Select(a => $"{a["incidentId"]}/{a["metric"]}/{a["type"]}/{a["threshold"]}").Should().OnlyHaveUniqueItems();
        var ids = fired.Select(a => a["id"]!.GetValue<string>()).ToHashSet();
        (await receiver.WaitForAsync(r => ids.IsSubsetOf(DeliveredAlertIds(r)))).Should().BeTrue();
        await Task.Delay(TimeSpan.FromSeconds(2));
        receiver.Received.Select(r => r.WebhookId).Should().OnlyHaveUniqueItems("without a fault, each delivery is sent once");
        receiver.Received.Where(r => r.Body["type"]!.GetValue<string>().StartsWith("clock.", StringComparison.Ordinal))
            .Should().HaveCount(40 * AlertsPerIncident);
    }

    private static HashSet<string> DeliveredAlertIds(WebhookReceiver receiver) =>
        receiver.Accepted.Select(r => r.Body["data"]!["alertId"]!.GetValue<string>()).ToHashSet();

    private static async Task SubscribeAsync(HttpClient client, WebhookReceiver receiver)
    {
        var response = await client.PostAsJsonAsync("/api/v1/webhooks", new
        {
            url = receiver.Url,
            types = new[] { "clock.threshold-reached", "clock.breached", "clock.met", "incident.unbound", "agreement.renewal-due" },
        });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        receiver.Secrets.Add(body["secret"]!.GetValue<string>());
    }

    /// <returns>When the incidents opened.</returns>
    private static async Task<DateTimeOffset> OpenLateIncidentsAsync(HttpClient client, int count, HttpClient? other = null)
    {
        var policyId = await client.CreateAsync("/api/v1/policies", new Dictionary<string, object?>
        {
            ["name"] = "Minutes",
            ["calendarId"] = Definitions.TwentyFourSeven,
            ["targets"] = new[] { new { priority = 1, responseMinutes = 1, resolutionMinutes = 2 } },
            ["warningThresholds"] = new[] { 50 },
        });
        var customerId = await client.CreateAsync("/api/v1/customers", Definitions.Customer());
        await client.CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, policyId).With("effectiveFrom", "2020-01-01T00:00:00Z")
            .With("effectiveTo", null).With("renewalDate", null));
        var openedAt = DateTimeOffset.UtcNow.AddSeconds(-100);
        var stamp = openedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            (i % 2 == 0 || other is null ? client : other).CreateAsync("/api/v1/incidents", Definitions.Incident(customerId, $"T-{i}", stamp))));
        return openedAt;
    }

    /// <summary>The clock alerts in the feed once there are <paramref name="expected"/>, waiting up to a minute.</summary>
    private static async Task<JsonNode[]> ClockAlertsAsync(HttpClient client, int expected)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        JsonNode[] alerts;
        do
        {
            await Task.Delay(200);
            var feed = JsonNode.Parse(await client.GetStringAsync("/api/v1/alerts?limit=500"))!;
            alerts = feed["items"]!.AsArray().Select(i => i!).Where(a => a["type"]!.GetValue<string>().StartsWith("clock.", StringComparison.Ordinal)).ToArray();
        }
        while (alerts.Length < expected && DateTime.UtcNow < deadline);
        await Task.Delay(1000);
        var settled = JsonNode.Parse(await client.GetStringAsync("/api/v1/alerts?limit=500"))!;
        return settled["items"]!.AsArray().Select(i => i!).Where(a => a["type"]!.GetValue<string>().StartsWith("clock.", StringComparison.Ordinal)).ToArray();
    }

    private static async Task WaitUntilAsync(DateTimeOffset instant)
    {
        var wait = instant - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait);
    }
}
