using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Connectors;

/// <summary>
/// The tools' teams and queues become assignments when the connection maps them to SlaApi's teams: the service desk
/// (acknowledge 15, resolve 60) and the network team (acknowledge 30, resolve 240), both around the clock. Every ticket is
/// a P1 opened at 04:00Z on the day the tests' clock stands (2026-11-25, 12:00Z).
/// </summary>
public sealed class TeamAssignmentTests(TestEngine engine) : ConnectorTest(engine)
{
    private string _desk = "";
    private string _network = "";

    [SetUp]
    public async Task DefineTeams()
    {
        _desk = await TeamAsync("Service desk", 15, 60);
        _network = await TeamAsync("Network", 30, 240);
    }

    private async Task<string> TeamAsync(string name, int acknowledge, int resolve) =>
        (await CreateAsync("/api/v1/teams", new
        {
            name, calendarId = Definitions.TwentyFourSeven,
            olaTargets = new[] { new { priority = 1, acknowledgeMinutes = acknowledge, resolveMinutes = resolve } },
        }))["id"]!.GetValue<string>();

    [Test]
    public async Task AConnectWiseTicket_MovedFromTheDeskTeamToNetwork_IsTwoAssignments_EachOnItsOla()
    {
        var (connectionId, _) = await ConnectAsync(new
        {
            kind = "connectwise", name = "ConnectWise Manage", keyUrlHosts = new[] { "127.0.0.1" },
            mapping = new
            {
                priorities = new Dictionary<string, int> { ["7"] = 1 }, statuses = new Dictionary<string, string> { ["17"] = "in-progress" },
                teams = new Dictionary<string, string> { ["12"] = _desk, ["Network"] = _network },
            },
        });

        await PollAsync(connectionId, ConnectWiseTicket("04:10", new { id = 12, name = "Service Desk" }, responded: "04:10"));
        await PollAsync(connectionId, ConnectWiseTicket("04:40", new { id = 31, name = "Network" }, responded: "04:10"));
        await PollAsync(connectionId, ConnectWiseTicket("05:00", new { id = 31, name = "Network" }, responded: "04:10"));

        var incident = await IncidentAsync("connectwise", "48213");
        (await EventsAsync(incident)).Should().Equal("assigned 04:00", "responded 04:10", "assigned 04:40");
        // The desk answered after 10 minutes and handed on after 40; the network team has not answered by 12:00, 440 minutes on.
        var assignments = await AssignmentsAsync(incident);
        assignments.Select(a => (a!["teamId"]!.GetValue<string>(), State(a, "acknowledge"), State(a, "resolve")))
            .Should().Equal((_desk, "met", "met"), (_network, "breached", "breached"));
        assignments[1]!["acknowledge"]!["elapsedSeconds"]!.GetValue<long>().Should().Be(440 * 60);
    }

    [Test]
    public async Task AnAutotaskQueue_AndAHaloTeam_AssignTheirTickets()
    {
        var (autotask, _) = await ConnectAsync(new
        {
            kind = "autotask", name = "Autotask", secret = "s3cret",
            mapping = new { priorities = new Dictionary<string, int> { ["1"] = 1 }, teams = new Dictionary<string, string> { ["29683"] = _network } },
        });
        var (halo, _) = await ConnectAsync(new
        {
            kind = "halo", name = "HaloPSA", secret = "s3cret",
            mapping = new { priorities = new Dictionary<string, int> { ["1"] = 1 }, teams = new Dictionary<string, string> { ["Service Desk"] = _desk } },
        });

        await PollAsync(autotask, new
        {
            id = 351182, title = "VPN down", companyID = 29684, queueID = 29683, priority = 1,
            createDate = At("04:00"), firstResponseDateTime = At("04:20"), lastTrackedModificationDateTime = At("04:20"),
        });
        await PollAsync(halo, new
        {
            id = 7001, summary = "Printer offline", client_id = 12, priority_id = 1, team_id = 4, team = "Service Desk",
            dateoccurred = At("04:00"), responsedate = At("04:05"), lastactiondate = At("04:05"),
        });

        var viaQueue = await AssignmentsAsync(await IncidentAsync("autotask", "351182"));
        viaQueue.Select(a => (a!["teamId"]!.GetValue<string>(), State(a, "acknowledge"))).Should().Equal((_network, "met"));
        var viaTeam = await AssignmentsAsync(await IncidentAsync("halo", "7001"));
        viaTeam.Select(a => (a!["teamId"]!.GetValue<string>(), State(a, "acknowledge"))).Should().Equal((_desk, "met"));
    }

    [Test]
    public async Task AMappingNamingATeamThatDoesNotExist_IsRefused() =>
        await (await PostAsync("/api/v1/connections", new
        {
            kind = "halo", name = "HaloPSA", secret = "s3cret", mapping = new { teams = new Dictionary<string, string> { ["4"] = Guid.NewGuid().ToString() } },
        })).ShouldBeValidationProblemAsync("mapping.teams");

    private static string At(string time) => $"2026-11-25T{time}:00Z";

    private static object ConnectWiseTicket(string lastUpdated, object team, string responded) => new
    {
        id = 48213, summary = "Email bouncing for the whole office", board = new { id = 1, name = "Service Desk" }, team,
        status = new { id = 17 }, company = new { id = 250 }, priority = new { id = 7 }, dateResponded = At(responded), closedFlag = false,
        _info = new { dateEntered = At("04:00"), lastUpdated = At(lastUpdated) },
    };

    private async Task<JsonArray> AssignmentsAsync(JsonNode incident) =>
        (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{incident["id"]}/olas")))["assignments"]!.AsArray();

    private static string State(JsonNode assignment, string clock) => assignment[clock]!["state"]!.GetValue<string>();
}
