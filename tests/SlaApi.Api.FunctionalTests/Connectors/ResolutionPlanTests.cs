using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Connectors;

/// <summary>
/// Respond → Plan → Resolve, as ConnectWise and Autotask stage a ticket. P1 on 24x7: respond in 30 minutes, plan in 4
/// hours, resolve in 8. The tickets open at 04:00Z on the day the tests' clock stands (2026-11-25, 12:00Z).
/// </summary>
public sealed class ResolutionPlanTests(TestEngine engine) : ConnectorTest(engine)
{
    protected override object[] Targets =>
    [
        new { priority = 1, responseMinutes = 30, planMinutes = 240, resolutionMinutes = 480 },
        new { priority = 3, responseMinutes = 240, resolutionMinutes = 960 },
    ];

    protected override Dictionary<string, object?> Agreement(string customerId, string policyId) =>
        Definitions.Agreement(customerId, policyId).With("creditRules", new[] { new { metric = "plan", percentOfMonthlyFeePerBreach = 2, capPercent = 10 } });

    [Test]
    public async Task AConnectWiseTicket_RespondedPlannedAndResolved_HasThreeMetClocks()
    {
        var (connectionId, _) = await ConnectAsync(new
        {
            kind = "connectwise", name = "ConnectWise Manage", keyUrlHosts = new[] { "127.0.0.1" },
            mapping = new
            {
                priorities = new Dictionary<string, int> { ["7"] = 1 },
                statuses = new Dictionary<string, string> { ["1"] = "new", ["17"] = "in-progress", ["20"] = "resolved" },
                boards = new[] { "Service Desk" }, serviceCode = "managed-workstations",
            },
        });

        await PollAsync(connectionId, ConnectWiseTicket("04:20", status: 17, responded: "04:20"));
        await PollAsync(connectionId, ConnectWiseTicket("06:00", status: 17, responded: "04:20", plan: "06:00"));
        await PollAsync(connectionId, ConnectWiseTicket("10:00", status: 20, responded: "04:20", plan: "06:00", resolved: "10:00"));

        var incident = await IncidentAsync("connectwise", "48213");
        (await EventsAsync(incident)).Should().Equal("responded 04:20", "planned 06:00", "resolved 10:00");
        Clocks(incident).Should().Equal(("response", "met", 20), ("plan", "met", 120), ("resolution", "met", 360));
    }

    [Test]
    public async Task AnAutotaskTicket_PlannedLate_BreachesItsPlan_AndEarnsThePlansCredit()
    {
        var (connectionId, _) = await ConnectAsync(new
        {
            kind = "autotask", name = "Autotask", secret = "s3cret",
            mapping = new
            {
                priorities = new Dictionary<string, int> { ["1"] = 1 },
                statuses = new Dictionary<string, string> { ["1"] = "new", ["8"] = "in-progress", ["5"] = "resolved" },
                boards = new[] { "29683" }, serviceCode = "managed-workstations",
            },
        });

        await PollAsync(connectionId, AutotaskTicket("04:10", status: 8, responded: "04:10"));
        await PollAsync(connectionId, AutotaskTicket("08:30", status: 8, responded: "04:10", plan: "08:30"));

        var incident = await IncidentAsync("autotask", "351182");
        Clocks(incident).Should().Equal(("response", "met", 10), ("plan", "breached", 270), ("resolution", "running", 480));
        Clock(incident, "plan")["breachedAt"]!.GetValue<DateTimeOffset>().Should().Be(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

        var line = (await ReadAsync(await Client.GetAsync("/api/v1/reports/credits?month=2026-11")))["rows"]!.AsArray().Single()!;
        (line["planMet"]!.GetValue<long>(), line["planBreaches"]!.GetValue<long>(), line["ruleMetric"]!.GetValue<string>()).Should().Be((0, 1, "plan"));
        line["ruleCredit"]!.GetValue<decimal>().Should().Be(30.01m, "2 % of the monthly fee of 1,500.50 for the one late plan");
    }

    [Test]
    public async Task APlannedEvent_PostedThroughTheApi_StopsThePlan()
    {
        var id = (await CreateAsync("/api/v1/incidents", Definitions.Incident(CustomerId, "CW-1", "2026-11-25T10:00:00Z")))["id"]!.GetValue<string>();

        var planned = await PostAsync($"/api/v1/incidents/{id}/events", Definitions.Event("p1", "planned", "2026-11-25T10:25:00Z"));

        planned.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Created);
        var incident = await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}"));
        Clocks(incident).Should().Equal(("response", "met", 25), ("plan", "met", 25), ("resolution", "running", 120));
        var cycles = (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}/cycles")))["cycles"]!.AsArray();
        cycles.Select(c => c!["metric"]!.GetValue<string>()).Should().Contain("plan");
    }

    [TestCase(20, "'planMinutes' must be at least 'responseMinutes'.")]
    [TestCase(500, "'planMinutes' must be at most 'resolutionMinutes'.")]
    public async Task APlanTarget_OutsideResponseAndResolution_IsRefused_NamingTheField(int planMinutes, string message)
    {
        var response = await PostAsync("/api/v1/policies", new
        {
            name = "Misplaced plan", calendarId = Definitions.TwentyFourSeven,
            targets = new[] { new { priority = 1, responseMinutes = 30, planMinutes, resolutionMinutes = 480 } },
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ReadAsync(response);
        problem["errors"]!["targets[0].planMinutes"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Contain(message);
    }

    private static string At(string time) => $"2026-11-25T{time}:00Z";

    private static object ConnectWiseTicket(string lastUpdated, int status, string responded, string? plan = null, string? resolved = null) => new
    {
        id = 48213, summary = "Email bouncing for the whole office", board = new { id = 1, name = "Service Desk" },
        status = new { id = status }, company = new { id = 250 }, priority = new { id = 7 },
        dateResponded = At(responded), dateResplan = plan is null ? null : At(plan), dateResolved = resolved is null ? null : At(resolved),
        closedFlag = false, _info = new { dateEntered = At("04:00"), lastUpdated = At(lastUpdated) },
    };

    private static object AutotaskTicket(string modified, int status, string responded, string? plan = null) => new
    {
        id = 351182, title = "VPN down for the accounting team", companyID = 29684, queueID = 29683, priority = 1, status,
        createDate = At("04:00"), firstResponseDateTime = At(responded), resolutionPlanDateTime = plan is null ? null : At(plan),
        lastTrackedModificationDateTime = At(modified),
    };

    /// <summary>Each clock as (metric, state, elapsed minutes), in the order the incident lists them.</summary>
    private static (string, string, long)[] Clocks(JsonNode incident) =>
        incident["clocks"]!.AsArray()
            .Select(c => (c!["metric"]!.GetValue<string>(), c["state"]!.GetValue<string>(), c["elapsedSeconds"]!.GetValue<long>() / 60)).ToArray();
}
