using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Teams;

/// <summary>
/// A P1 ticket opened on Tuesday 2026-11-24 at 12:00Z (07:00 EST) passes from the service desk (24x7: acknowledge 15,
/// resolve 60) to the network team (New York office hours, 08:00–17:00 EST = 13:00–22:00Z: acknowledge 30, resolve 240) and
/// on to an outside vendor (24x7 underpinning contract: acknowledge 60, resolve 120).
/// </summary>
public sealed class OlaTests(TestEngine engine) : ApiTest(engine)
{
    private async Task<string> TeamAsync(string name, string calendarId, int acknowledge, int resolve, string? vendor = null) =>
        (await CreateAsync("/api/v1/teams", new
        {
            name, calendarId, vendor, olaTargets = new[] { new { priority = 1, acknowledgeMinutes = acknowledge, resolveMinutes = resolve } },
        }))["id"]!.GetValue<string>();

    private async Task<string> IncidentAsync()
    {
        var policy = Definitions.AroundTheClock(resolutionMinutes: 1440).With("pauseStatuses", new[] { "waiting-customer" });
        var policyId = (await CreateAsync("/api/v1/policies", policy))["id"]!.GetValue<string>();
        var customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, policyId));
        return (await CreateAsync("/api/v1/incidents", Definitions.Incident(customerId, "CW-900", "2026-11-24T12:00:00Z")))["id"]!.GetValue<string>();
    }

    private static object Assigned(string eventId, string at, string team) => new { eventId, type = "assigned", occurredAt = at, team };

    [Test]
    public async Task ServiceDeskToNetworkToVendor_EachAssignmentJudgedByItsTeamsOla_OnItsTeamsCalendar()
    {
        var calendarId = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();
        var desk = await TeamAsync("Service desk", Definitions.TwentyFourSeven, 15, 60);
        var network = await TeamAsync("Network", calendarId, 30, 240);
        var vendor = await TeamAsync("Fabrikam carrier support", Definitions.TwentyFourSeven, 60, 120, vendor: "Fabrikam Networks");
        var id = await IncidentAsync();
        foreach (var e in new[]
                 {
                     Assigned("a1", "2026-11-24T12:00:00Z", desk),
                     Definitions.Event("r", "responded", "2026-11-24T12:10:00Z"),
                     Assigned("a2", "2026-11-24T12:50:00Z", network),
                     Assigned("a2-again", "2026-11-24T13:10:00Z", network),
                     Definitions.Event("u1", "updated", "2026-11-24T13:40:00Z"),
                     Assigned("a3", "2026-11-24T17:30:00Z", vendor),
                     Definitions.Event("u2", "updated", "2026-11-24T17:45:00Z"),
                     Definitions.Event("w", "status-changed", "2026-11-24T18:00:00Z", status: "waiting-customer"),
                     Definitions.Event("b", "status-changed", "2026-11-24T18:30:00Z", status: "in-progress"),
                     Definitions.Event("s", "resolved", "2026-11-24T19:50:00Z"),
                     Definitions.Event("o", "reopened", "2026-11-24T21:00:00Z"),
                 })
            (await PostAsync($"/api/v1/incidents/{id}/events", e)).IsSuccessStatusCode.Should().BeTrue();

        var assignments = (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}/olas")))["assignments"]!.AsArray();

        assignments.Select(a => (a!["assignment"]!.GetValue<int>(), a["teamId"]!.GetValue<string>(), a["underpinningContract"]!.GetValue<bool>()))
            .Should().Equal((1, desk, false), (2, network, false), (3, vendor, true), (4, vendor, true));
        // The desk answered after 10 minutes (due 12:15) and handed on after 50 (due 13:00).
        Clock(assignments[0]!, "acknowledge").Should().Be(("met", 10 * 60, "2026-11-24T12:15:00Z", null));
        Clock(assignments[0]!, "resolve").Should().Be(("met", 50 * 60, "2026-11-24T13:00:00Z", null));
        // The network team's hours begin at 13:00Z: its first update at 13:40 came 40 minutes in, due at 13:30; it handed on at
        // 17:30, 270 minutes in, due at 17:00. Being assigned again to the team that holds the ticket is no new assignment.
        Clock(assignments[1]!, "acknowledge").Should().Be(("breached", 40 * 60, "2026-11-24T13:30:00Z", "2026-11-24T13:30:00Z"));
        Clock(assignments[1]!, "resolve").Should().Be(("breached", 270 * 60, "2026-11-24T17:00:00Z", "2026-11-24T17:00:00Z"));
        // The vendor updated after 15 minutes and resolved after 140, 30 of them waiting on the customer: 110 of 120, due at 20:00.
        Clock(assignments[2]!, "acknowledge").Should().Be(("met", 15 * 60, "2026-11-24T18:30:00Z", null));
        Clock(assignments[2]!, "resolve").Should().Be(("met", 110 * 60, "2026-11-24T20:00:00Z", null));
        assignments[2]!["endedAt"]!.GetValue<DateTimeOffset>().Should().Be(new DateTimeOffset(2026, 11, 24, 19, 50, 0, TimeSpan.Zero));
        // The reopen at 21:00 gives the ticket back to the vendor, which has not answered by the tests' now (Wednesday 12:00Z).
        assignments[3]!["endedAt"].Should().BeNull();
        Clock(assignments[3]!, "acknowledge").Should().Be(("breached", 15 * 60 * 60, "2026-11-24T22:00:00Z", "2026-11-24T22:00:00Z"));

        var timeline = await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}/timeline"));
        timeline["events"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "assigned").Select(e => e!["team"]!.GetValue<string>())
            .Should().Equal(desk, network, network, vendor);
    }

    [Test]
    public async Task AssignedEvents_NeedATeamThatExists_AndOnlyTheyCarryOne()
    {
        var id = await IncidentAsync();
        var team = await TeamAsync("Service desk", Definitions.TwentyFourSeven, 15, 60);

        await (await PostAsync($"/api/v1/incidents/{id}/events", new { eventId = "a", type = "assigned", occurredAt = "2026-11-24T12:05:00Z" }))
            .ShouldBeValidationProblemAsync("team");
        await (await PostAsync($"/api/v1/incidents/{id}/events", new { eventId = "r", type = "responded", occurredAt = "2026-11-24T12:05:00Z", team }))
            .ShouldBeValidationProblemAsync("team");
        var unknown = await PostAsync($"/api/v1/incidents/{id}/events", Assigned("b", "2026-11-24T12:05:00Z", Guid.NewGuid().ToString()));
        unknown.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await ReadAsync(unknown))["errors"]!.AsObject().Select(e => e.Key).Should().Equal("team");
        (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}/olas")))["assignments"]!.AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task ATeamRevision_IsANewVersion_AndAnAssignmentKeepsTheOlaInForceWhenItWasMade()
    {
        var team = await TeamAsync("Service desk", Definitions.TwentyFourSeven, 15, 60);
        var id = await IncidentAsync();
        (await PostAsync($"/api/v1/incidents/{id}/events", Assigned("a1", "2026-11-24T12:00:00Z", team))).IsSuccessStatusCode.Should().BeTrue();
        Time.Advance(TimeSpan.FromMinutes(1));

        var revised = await PutAsync($"/api/v1/teams/{team}",
            new { name = "Service desk", calendarId = Definitions.TwentyFourSeven, olaTargets = new[] { new { priority = 1, acknowledgeMinutes = 5, resolveMinutes = 30 } } },
            ifMatch: "\"1\"");

        revised.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadAsync(revised))["version"]!.GetValue<int>().Should().Be(2);
        var assignment = (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}/olas")))["assignments"]!.AsArray().Single()!;
        (assignment["teamVersion"]!.GetValue<int>(), assignment["acknowledge"]!["targetSeconds"]!.GetValue<long>()).Should().Be((1, 15 * 60),
            "the ticket was assigned under version 1, the team's version before the revision");
        (await ReadAsync(await Client.GetAsync($"/api/v1/teams/{team}/versions/1")))["olaTargets"]![0]!["resolveMinutes"]!.GetValue<int>().Should().Be(60);

        // Resolved, then reopened back to the desk once version 2 is in force: that assignment is held to 5 and 30 minutes.
        foreach (var e in new[] { Definitions.Event("s", "resolved", "2026-11-25T11:00:00Z"), Definitions.Event("o", "reopened", "2026-11-25T12:01:00Z") })
            (await PostAsync($"/api/v1/incidents/{id}/events", e)).IsSuccessStatusCode.Should().BeTrue();
        var reopened = (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}/olas")))["assignments"]!.AsArray()[^1]!;
        (reopened["teamVersion"]!.GetValue<int>(), reopened["acknowledge"]!["targetSeconds"]!.GetValue<long>()).Should().Be((2, 5 * 60));
    }

    [TestCase("olaTargets[0].resolveMinutes", 30, 20)]
    [TestCase("olaTargets[0].acknowledgeMinutes", 0, 20)]
    public async Task ATeamDefinition_BreakingARule_IsRefused_NamingTheField(string field, int acknowledge, int resolve) =>
        await (await PostAsync("/api/v1/teams", new
        {
            name = "Network", calendarId = Definitions.TwentyFourSeven,
            olaTargets = new[] { new { priority = 1, acknowledgeMinutes = acknowledge, resolveMinutes = resolve } },
        })).ShouldBeValidationProblemAsync(field);

    [Test]
    public async Task ATeamOnACalendarThatDoesNotExist_IsRefused() =>
        await (await PostAsync("/api/v1/teams", new { name = "Network", calendarId = Guid.NewGuid() })).ShouldBeValidationProblemAsync("calendarId");

    private static (string State, long ElapsedSeconds, string? DueAt, string? BreachedAt) Clock(JsonNode assignment, string name)
    {
        var clock = assignment[name]!;
        return (clock["state"]!.GetValue<string>(), clock["elapsedSeconds"]!.GetValue<long>(), Utc(clock["dueAt"]), Utc(clock["breachedAt"]));
    }

    private static string? Utc(JsonNode? instant) => instant?.GetValue<DateTimeOffset>().ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ");
}
