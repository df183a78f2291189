using System.Text.Json.Nodes;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Alerts;

/// <summary>
/// An office-hours agreement for alert tests. The policy: P2 responds in 600 and resolves in 1,200 business minutes on
/// New York office hours (Mon–Fri 08:00–17:00, Christmas Day a holiday), P1 responds in 60 and resolves in 240 minutes
/// on 24x7; thresholds 50, 75 and 90 %; "waiting-customer" pauses. Incidents open on Thursday 2026-12-24 at 15:00 New
/// York time (20:00Z): two business hours before Christmas Day and the weekend.
/// </summary>
public abstract class AlertTest(TestEngine engine) : ApiTest(engine)
{
    public static readonly DateTimeOffset ChristmasEve = new(2026, 12, 24, 20, 0, 0, TimeSpan.Zero);

    protected string CustomerId { get; private set; } = "";

    protected string AgreementId { get; private set; } = "";

    [SetUp]
    public async Task DefineOfficeHoursAgreement()
    {
        var calendarId = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();
        var policyId = (await CreateAsync("/api/v1/policies", OfficeHoursPolicy(calendarId)))["id"]!.GetValue<string>();
        CustomerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
        AgreementId = (await CreateAsync("/api/v1/agreements", Definitions.Agreement(CustomerId, policyId)))["id"]!.GetValue<string>();
    }

    public static Dictionary<string, object?> OfficeHoursPolicy(string calendarId) => new()
    {
        ["name"] = "Office hours with warnings",
        ["calendarId"] = calendarId,
        ["targets"] = new object[]
        {
            new { priority = 1, responseMinutes = 60, resolutionMinutes = 240, calendarId = Definitions.TwentyFourSeven },
            new { priority = 2, responseMinutes = 600, resolutionMinutes = 1200 },
        },
        ["pauseStatuses"] = new[] { "waiting-customer" },
        ["warningThresholds"] = new[] { 50, 75, 90 },
    };

    /// <summary>Opens an incident (P2 unless told) at <see cref="ChristmasEve"/>, posted <paramref name="postedLater"/> after it, with the clock there.</summary>
    protected async Task<string> OpenOnChristmasEveAsync(string externalId = "T-1", int priority = 2, TimeSpan postedLater = default)
    {
        Time.AdjustTime(ChristmasEve + postedLater);
        var body = Definitions.Incident(CustomerId, externalId, "2026-12-24T20:00:00Z").With("priority", priority);
        return (await CreateAsync("/api/v1/incidents", body))["id"]!.GetValue<string>();
    }

    protected async Task PostEventAsync(string incidentId, object body)
    {
        var response = await PostAsync($"/api/v1/incidents/{incidentId}/events", body);
        if (!response.IsSuccessStatusCode)
            Assert.Fail($"The event answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Moves the clock to <paramref name="instant"/>, firing the timers on the way, and waits for the alerts fired by then.</summary>
    protected async Task<IReadOnlyList<JsonNode>> AdvanceToAsync(DateTimeOffset instant, int expectedAlerts)
    {
        Time.Advance(instant - Time.GetUtcNow());
        return await AlertsAsync(expectedAlerts);
    }

    /// <summary>
    /// The incidents' alerts in the feed once it holds at least <paramref name="expected"/>, waiting for the scheduler
    /// up to ten seconds. The agreement's renewal alerts are left out unless <paramref name="renewals"/>.
    /// </summary>
    protected async Task<IReadOnlyList<JsonNode>> AlertsAsync(int expected, HttpClient? client = null, bool renewals = false)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var items = await FeedAsync(client ?? Client, renewals);
            if (items.Length >= expected || DateTime.UtcNow > deadline)
            {
                // A moment more, so an alert that should not fire has had its chance to.
                await Task.Delay(items.Length > expected ? 0 : 300);
                return await FeedAsync(client ?? Client, renewals);
            }
            await Task.Delay(20);
        }
    }

    private static async Task<JsonNode[]> FeedAsync(HttpClient client, bool renewals)
    {
        var feed = await ReadAsync(await client.GetAsync("/api/v1/alerts?limit=500"));
        return feed["items"]!.AsArray().Select(i => i!)
            .Where(a => renewals == (a["type"]!.GetValue<string>() == "agreement.renewal-due")).ToArray();
    }

    protected static string Describe(JsonNode alert) =>
        $"{alert["type"]} {alert["metric"]} {alert["threshold"]} {alert["occurredAt"]} late={alert["late"]}";
}
