using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Policies;

/// <summary>
/// A contract caps waiting on the customer at three business days (1,620 minutes of New York office hours, 08:00–17:00
/// EST): past it the resolution clock counts again although the ticket still waits; and it names the reasons a ticket may
/// wait for. The tests' clock stands on Wednesday 2026-11-25 12:00Z (07:00 EST).
/// </summary>
public sealed class PauseGovernanceTests(TestEngine engine) : ApiTest(engine)
{
    private async Task<(string PolicyId, string CustomerId, string AgreementId)> DefineAsync(int maxPauseMinutes, string[]? pauseReasons = null)
    {
        var calendarId = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();
        var policy = new Dictionary<string, object?>
        {
            ["name"] = "Waiting capped",
            ["calendarId"] = calendarId,
            ["targets"] = new[] { new { priority = 1, responseMinutes = 60, resolutionMinutes = 5400 } },
            ["pauseStatuses"] = new[] { "waiting-customer" },
            ["maxPauseMinutes"] = maxPauseMinutes,
            ["pauseReasons"] = pauseReasons,
        };
        var policyId = (await CreateAsync("/api/v1/policies", policy))["id"]!.GetValue<string>();
        var customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
        var agreementId = (await CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, policyId)))["id"]!.GetValue<string>();
        return (policyId, customerId, agreementId);
    }

    [Test]
    public async Task WaitingFromThursday_CountsAgainFromTuesday10_AcrossTheWeekend()
    {
        var (policyId, customerId, agreementId) = await DefineAsync(3 * 540);
        (await ReadAsync(await Client.GetAsync($"/api/v1/policies/{policyId}")))["maxPauseMinutes"]!.GetValue<int>().Should().Be(1620);
        var id = (await CreateAsync("/api/v1/incidents", Definitions.Incident(customerId, "CW-7", "2026-11-19T14:00:00Z")))["id"]!.GetValue<string>();
        foreach (var e in new[]
                 {
                     Definitions.Event("r", "responded", "2026-11-19T14:30:00Z"),
                     Definitions.Event("w", "status-changed", "2026-11-19T15:00:00Z", status: "waiting-customer"),
                 })
            (await PostAsync($"/api/v1/incidents/{id}/events", e)).IsSuccessStatusCode.Should().BeTrue();

        var resolution = (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}")))["clocks"]!.AsArray()
            .Single(c => c!["metric"]!.GetValue<string>() == "resolution")!;

        // Thursday 10:00 EST waiting: Thursday 420, Friday 540, Monday 540 and Tuesday's first 120 minutes spend the cap at
        // Tuesday 10:00 EST (15:00Z). Counted by Wednesday 07:00 EST: Thursday 09:00–10:00 and Tuesday 10:00–17:00, 480 minutes.
        (resolution["state"]!.GetValue<string>(), resolution["elapsedSeconds"]!.GetValue<long>()).Should().Be(("running", 480 * 60));
        var timeline = (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}/timeline")))["clocks"]!.AsArray()
            .Single(c => c!["metric"]!.GetValue<string>() == "resolution")!;
        var segments = timeline["segments"]!.AsArray();
        segments.Sum(g => g!["businessSeconds"]!.GetValue<long>()).Should().Be(480 * 60, "what the cap gave back is running time on the timeline too");
        segments.Last(g => g!["kind"]!.GetValue<string>() == "paused")!["to"]!.GetValue<DateTimeOffset>()
            .Should().Be(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));
        var document = await Client.GetStringAsync($"/api/v1/agreements/{agreementId}/document");
        document.Should().Contain("A clock pauses for at most 1,620 business minutes (27 h) in each cycle");
    }

    [Test]
    public async Task ACapOfNoMinutes_IsRefused_NamingTheField()
    {
        var response = await PostAsync("/api/v1/policies", new
        {
            name = "Never waits", calendarId = Definitions.TwentyFourSeven, maxPauseMinutes = 0,
            targets = new[] { new { priority = 1, responseMinutes = 30, resolutionMinutes = 480 } },
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadAsync(response))["errors"]!.AsObject().Select(e => e.Key).Should().Equal("maxPauseMinutes");
    }

    [Test]
    public async Task APauseReason_ThePolicyDoesNotList_IsRefused_OneItLists_IsShownOnTheTimeline_AndNoneIsAccepted()
    {
        var (_, customerId, agreementId) = await DefineAsync(3 * 540, ["awaiting-info", "customer-requested-delay"]);
        var id = (await CreateAsync("/api/v1/incidents", Definitions.Incident(customerId, "CW-8", "2026-11-24T14:00:00Z")))["id"]!.GetValue<string>();

        var unlisted = await PostAsync($"/api/v1/incidents/{id}/events",
            Definitions.Event("w0", "status-changed", "2026-11-24T14:10:00Z", status: "waiting-customer", reason: "lunch"));
        var listed = await PostAsync($"/api/v1/incidents/{id}/events",
            Definitions.Event("w1", "status-changed", "2026-11-24T14:20:00Z", status: "waiting-customer", reason: "awaiting-info"));
        var back = await PostAsync($"/api/v1/incidents/{id}/events", Definitions.Event("p1", "status-changed", "2026-11-24T14:50:00Z", status: "in-progress"));
        var none = await PostAsync($"/api/v1/incidents/{id}/events", Definitions.Event("w2", "status-changed", "2026-11-24T15:00:00Z", status: "waiting-customer"));
        var onAResponse = await PostAsync($"/api/v1/incidents/{id}/events", new { eventId = "r1", type = "responded", occurredAt = "2026-11-24T14:05:00Z", reason = "x" });

        unlisted.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await ReadAsync(unlisted))["errors"]!["reason"]!.ToJsonString().Should().Contain("awaiting-info, customer-requested-delay");
        new[] { listed, back, none }.Select(r => r.IsSuccessStatusCode).Should().AllBeEquivalentTo(true);
        onAResponse.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var paused = (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}/timeline")))["clocks"]!.AsArray()
            .Single(c => c!["metric"]!.GetValue<string>() == "resolution")!["segments"]!.AsArray()
            .Where(g => g!["kind"]!.GetValue<string>() == "paused")
            .Select(g => (g!["from"]!.GetValue<DateTimeOffset>().ToUniversalTime().ToString("HH:mm"), g["reason"]?.GetValue<string>()));
        paused.Should().Equal(("14:20", "awaiting-info"), ("15:00", (string?)null));
        (await Client.GetStringAsync($"/api/v1/agreements/{agreementId}/document"))
            .Should().Contain("A pause may be given for these reasons only: `awaiting-info`, `customer-requested-delay`.");
    }
}
