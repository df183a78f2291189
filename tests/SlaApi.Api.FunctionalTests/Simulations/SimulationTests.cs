using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Simulations;

/// <summary>
/// A 24x7 policy (P1: response 30, resolution 240; P3: response 60, resolution 480 minutes) and a draft that tightens
/// P1's response to 15 and loosens P3's to 90. October's incidents, all resolved after 100 minutes: A (P1) answered
/// in 20 minutes, B (P3) in 75, C (P1) in 10, D (P1) in 50 but excluded; E (P1, 20 minutes) opened in September.
/// </summary>
public sealed class SimulationTests(TestEngine engine) : ApiTest(engine)
{
    private string _policyId = "";
    private string _customerId = "";
    private string _agreementId = "";
    private readonly Dictionary<string, string> _incidents = [];

    [SetUp]
    public async Task PostOctober()
    {
        _policyId = (await CreateAsync("/api/v1/policies", Policy(p1Response: 30, p3Response: 60))).AsObject()["id"]!.GetValue<string>();
        _customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
        _agreementId = (await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerId, _policyId)
            .With("monthlyFee", new { amount = 1000m, currency = "USD" })
            .With("creditRules", new[] { new { metric = "response", percentOfMonthlyFeePerBreach = 10m, capPercent = 50m } })))["id"]!.GetValue<string>();
        _incidents.Clear();
        await IncidentAsync("A", 1, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 20);
        await IncidentAsync("B", 3, new DateTimeOffset(2026, 10, 6, 9, 0, 0, TimeSpan.Zero), 75);
        await IncidentAsync("C", 1, new DateTimeOffset(2026, 10, 7, 9, 0, 0, TimeSpan.Zero), 10);
        await IncidentAsync("D", 1, new DateTimeOffset(2026, 10, 8, 9, 0, 0, TimeSpan.Zero), 50, excluded: true);
        await IncidentAsync("E", 1, new DateTimeOffset(2026, 9, 20, 9, 0, 0, TimeSpan.Zero), 20);
    }

    [Test]
    public async Task ADraftPolicy_FlipsTheIncidentsItShould_BesideTheActualFigures()
    {
        var simulation = await RunAsync(new
        {
            policy = Policy(p1Response: 15, p3Response: 90),
            terms = new { creditRules = new[] { new { metric = "response", percentOfMonthlyFeePerBreach = 15m, capPercent = 50m } } },
            agreementIds = new[] { _agreementId },
            from = "2026-10-01T00:00:00Z", to = "2026-11-01T00:00:00Z",
        });

        simulation["percentDone"]!.GetValue<int>().Should().Be(100);
        simulation["incidentsTotal"]!.GetValue<long>().Should().Be(4, "E opened in September");
        simulation["excludedIncidents"]!.GetValue<long>().Should().Be(1);
        Compliance(simulation, "response", 1).Should().Be((2L, 0L, 1L, 1L), "A's 20 minutes meet 30 but not 15");
        Compliance(simulation, "response", 3).Should().Be((0L, 1L, 1L, 0L), "B's 75 minutes breach 60 but meet 90");
        Compliance(simulation, "resolution", 1).Should().Be((2L, 0L, 2L, 0L));
        simulation["actualBreaches"]!.GetValue<long>().Should().Be(1);
        simulation["draftBreaches"]!.GetValue<long>().Should().Be(1);
        (simulation["metToBreached"]!.GetValue<long>(), simulation["breachedToMet"]!.GetValue<long>()).Should().Be((1L, 1L));
        var credit = simulation["credits"]!.AsArray().Single()!;
        (credit["actualCredit"]!.GetValue<decimal>(), credit["draftCredit"]!.GetValue<decimal>(), credit["difference"]!.GetValue<decimal>())
            .Should().Be((100m, 150m, 50m), "one October breach on each side: 10 % of 1,000 as agreed, 15 % under the draft terms");

        var flips = (await ReadAsync(await Client.GetAsync($"/api/v1/simulations/{simulation["id"]}/flips")))["items"]!.AsArray();
        flips.Select(f => (f!["incidentId"]!.GetValue<string>(), f["metric"]!.GetValue<string>(), f["actual"]!.GetValue<string>(), f["draft"]!.GetValue<string>()))
            .Should().BeEquivalentTo([(_incidents["A"], "response", "met", "breached"), (_incidents["B"], "response", "breached", "met")]);
        var a = flips.Single(f => f!["incidentId"]!.GetValue<string>() == _incidents["A"])!;
        (a["actualTargetSeconds"]!.GetValue<long>(), a["draftTargetSeconds"]!.GetValue<long>(), a["elapsedSecondsDraft"]!.GetValue<long>()).Should().Be((1800L, 900L, 1200L));

        var incidentA = await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{_incidents["A"]}"));
        incidentA["sla"]!["policyVersion"]!.GetValue<int>().Should().Be(1, "a simulation stores no version and rebinds nothing");
        (await ReadAsync(await Client.GetAsync($"/api/v1/policies/{_policyId}")))["version"]!.GetValue<int>().Should().Be(1);
    }

    [Test]
    public async Task DraftTermsAlone_ReplayTheBoundPolicy_AndChangeOnlyTheCredits()
    {
        var simulation = await RunAsync(new
        {
            terms = new { creditCapPercent = 5m },
            customerIds = new[] { _customerId },
            from = "2026-09-01T00:00:00Z", to = "2026-11-01T00:00:00Z",
        });

        simulation["incidentsTotal"]!.GetValue<long>().Should().Be(5);
        (simulation["metToBreached"]!.GetValue<long>(), simulation["breachedToMet"]!.GetValue<long>()).Should().Be((0L, 0L));
        var credit = simulation["credits"]!.AsArray().Single()!;
        (credit["actualCredit"]!.GetValue<decimal>(), credit["draftCredit"]!.GetValue<decimal>()).Should().Be((100m, 50m), "the 5 % cap holds B's 10 % credit to 50");
    }

    [Test]
    public async Task AWhatIfWithoutADraft_OrOnAnUnknownAgreement_IsRefused()
    {
        var noDraft = await PostAsync("/api/v1/simulations", new { agreementIds = new[] { _agreementId }, from = "2026-10-01T00:00:00Z", to = "2026-11-01T00:00:00Z" });
        await noDraft.ShouldBeValidationProblemAsync("policy");

        var unknown = await PostAsync("/api/v1/simulations", new
        {
            terms = new { creditCapPercent = 5m }, agreementIds = new[] { Guid.NewGuid() }, from = "2026-10-01T00:00:00Z", to = "2026-11-01T00:00:00Z",
        });
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var badTier = await PostAsync("/api/v1/simulations", new
        {
            policy = Policy(15, 90), terms = new { responseTier = "platinum" }, agreementIds = new[] { _agreementId },
            from = "2026-10-01T00:00:00Z", to = "2026-11-01T00:00:00Z",
        });
        await badTier.ShouldBeValidationProblemAsync("terms.responseTier");
    }

    private static Dictionary<string, object?> Policy(int p1Response, int p3Response) => new()
    {
        ["name"] = "Around the clock",
        ["calendarId"] = Definitions.TwentyFourSeven,
        ["targets"] = new[]
        {
            new { priority = 1, responseMinutes = p1Response, resolutionMinutes = 240 },
            new { priority = 3, responseMinutes = p3Response, resolutionMinutes = 480 },
        },
    };

    private async Task IncidentAsync(string name, int priority, DateTimeOffset openedAt, int responseMinutes, bool excluded = false)
    {
        var id = await OpenAnsweredAsync(Definitions.Incident(_customerId, name, openedAt.ToString("O")).With("priority", priority), responseMinutes, 100);
        if (excluded)
            (await PostAsync($"/api/v1/incidents/{id}/events", Definitions.Event("ex", "excluded", openedAt.AddMinutes(110).ToString("O"), reason: "maintenance"))).EnsureSuccessStatusCode();
        _incidents[name] = id;
    }

    /// <summary>Asks for the simulation and follows it until it has completed.</summary>
    private async Task<JsonNode> RunAsync(object request)
    {
        var response = await PostAsync("/api/v1/simulations", request);
        var accepted = await ReadAsync(response);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, accepted.ToJsonString());
        response.Headers.Location!.ToString().Should().Be($"/api/v1/simulations/{accepted["id"]}");
        var simulation = accepted;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            simulation = await ReadAsync(await Client.GetAsync(response.Headers.Location));
            switch (simulation["status"]!.GetValue<string>())
            {
                case "completed":
                    return simulation;
                case "failed":
                    Assert.Fail($"The simulation failed: {simulation["error"]}");
                    break;
            }
            await Task.Delay(50);
        }
        throw new AssertionException($"The simulation did not complete within 10 s: {simulation.ToJsonString()}");
    }

    private static (long ActualMet, long ActualBreached, long DraftMet, long DraftBreached) Compliance(JsonNode simulation, string metric, int priority)
    {
        var row = simulation["compliance"]!.AsArray().Single(r => r!["metric"]!.GetValue<string>() == metric && r["priority"]!.GetValue<int>() == priority)!;
        return (row["actualMet"]!.GetValue<long>(), row["actualBreached"]!.GetValue<long>(), row["draftMet"]!.GetValue<long>(), row["draftBreached"]!.GetValue<long>());
    }
}
