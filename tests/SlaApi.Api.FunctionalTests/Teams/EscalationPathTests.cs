using System.Net;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Teams;

/// <summary>
/// A policy (P1: respond 30, resolve 240; P3: respond 60, resolve 960) declares the path service desk → network → vendor.
/// The desk's OLA is P1 15/60 and P3 90/240, the network's P1 30/120, the vendor's P1 60/120: together they resolve a P1 in
/// 60 + 120 + 120 = 300 minutes, more than 240, and the desk acknowledges a P3 in 90 minutes, later than the 60 promised.
/// </summary>
public sealed class EscalationPathTests(TestEngine engine) : ApiTest(engine)
{
    private async Task<string> TeamAsync(string name, object[] olaTargets, string? vendor = null) =>
        (await CreateAsync("/api/v1/teams", new { name, calendarId = Definitions.TwentyFourSeven, vendor, olaTargets }))["id"]!.GetValue<string>();

    private static object Ola(int priority, int acknowledgeMinutes, int resolveMinutes) => new { priority, acknowledgeMinutes, resolveMinutes };

    private static Dictionary<string, object?> PolicyThrough(params string[] path) => new()
    {
        ["name"] = "Escalated",
        ["calendarId"] = Definitions.TwentyFourSeven,
        ["targets"] = new[] { new { priority = 1, responseMinutes = 30, resolutionMinutes = 240 }, new { priority = 3, responseMinutes = 60, resolutionMinutes = 960 } },
        ["escalationPath"] = path,
    };

    [Test]
    public async Task OlasThatDoNotFit_WarnOnThePolicy_InTheDocument_AndInTheRefreshAdvice_UntilTheTeamIsRevised()
    {
        var desk = await TeamAsync("Service desk", [Ola(1, 15, 60), Ola(3, 90, 240)]);
        var network = await TeamAsync("Network", [Ola(1, 30, 120)]);
        var vendor = await TeamAsync("Fabrikam carrier support", [Ola(1, 60, 120)], vendor: "Fabrikam Networks");
        var policyId = (await CreateAsync("/api/v1/policies", PolicyThrough(desk, network, vendor)))["id"]!.GetValue<string>();
        var customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
        var agreementId = (await CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, policyId)))["id"]!.GetValue<string>();

        var policy = await ReadAsync(await Client.GetAsync($"/api/v1/policies/{policyId}"));

        policy["escalationPath"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal(desk, network, vendor);
        policy["warnings"]!.AsArray().Select(w => (w!["code"]!.GetValue<string>(), w["priority"]!.GetValue<int>(), w["stage"]!.GetValue<string>(),
                w["slaMinutes"]!.GetValue<int>(), w["olaMinutes"]!.GetValue<int>()))
            .Should().Equal(("ola-exceeds-sla", 1, "resolve", 240, 300), ("ola-exceeds-sla", 3, "acknowledge", 60, 90));
        var listed = (await ReadAsync(await Client.GetAsync("/api/v1/policies")))["items"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == policyId)!;
        listed["warnings"]!.AsArray().Should().HaveCount(2);
        var document = await Client.GetStringAsync($"/api/v1/agreements/{agreementId}/document");
        document.Should().Contain("Escalation")
            .And.Contain("Fabrikam carrier support (Fabrikam Networks, under an underpinning contract): P1 acknowledge within 60 business minutes (1 h)")
            .And.Contain("Warning (ola-exceeds-sla): P1: Service desk 60 + Network 120 + Fabrikam carrier support 120 = 300 minutes, more than the 240-minute resolution target.");
        var advice = await ReadAsync(await Client.GetAsync("/api/v1/agreements/refresh-advice"));
        advice["items"]!.AsArray().Single(i => i!["agreementId"]!.GetValue<string>() == agreementId)!["reasons"]!.AsArray()
            .Select(r => r!["code"]!.GetValue<string>()).Should().Contain("ola-exceeds-sla");

        // The network team now promises 60 minutes: 60 + 60 + 120 = 240 fits the P1 target; the P3 acknowledgement still does not.
        (await PutAsync($"/api/v1/teams/{network}", new { name = "Network", calendarId = Definitions.TwentyFourSeven, olaTargets = new[] { Ola(1, 30, 60) } }, "\"1\""))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadAsync(await Client.GetAsync($"/api/v1/policies/{policyId}")))["warnings"]!.AsArray()
            .Select(w => (w!["priority"]!.GetValue<int>(), w["stage"]!.GetValue<string>())).Should().Equal((3, "acknowledge"));
    }

    [Test]
    public async Task APolicyWithoutAPath_NamesNoTeams_AndHasNoWarnings()
    {
        var policy = await ReadAsync(await PostAsync("/api/v1/policies", Definitions.AroundTheClock()));

        (policy["escalationPath"]!.AsArray().Count, policy["warnings"]!.AsArray().Count).Should().Be((0, 0));
    }

    [Test]
    public async Task APathNamingAnUnknownTeam_OrOneTeamTwice_IsRefused_NamingTheField()
    {
        var desk = await TeamAsync("Service desk", [Ola(1, 15, 60)]);

        await (await PostAsync("/api/v1/policies", PolicyThrough(desk, Guid.NewGuid().ToString()))).ShouldBeValidationProblemAsync("escalationPath[1]");
        await (await PostAsync("/api/v1/policies", PolicyThrough(desk, desk))).ShouldBeValidationProblemAsync("escalationPath");
    }
}
