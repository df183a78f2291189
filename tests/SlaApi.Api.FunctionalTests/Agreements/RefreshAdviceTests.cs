using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Agreements;

/// <summary>
/// One customer per situation the seed names, on a 24x7 policy (P1: response 30, resolution 240 minutes), read over
/// August to October 2026 (the three whole months before the tests' now, 25 November).
/// </summary>
public sealed class RefreshAdviceTests(TestEngine engine) : ApiTest(engine)
{
    private string _policyId = "";

    [SetUp]
    public async Task DefinePolicy() =>
        _policyId = (await CreateAsync("/api/v1/policies", Definitions.AroundTheClock()))["id"]!.GetValue<string>();

    [Test]
    public async Task EachSituation_IsFlaggedWithItsReason_AndItsEvidence()
    {
        var struggling = await AgreementAsync("Struggling");
        await IncidentAsync(struggling, "S-1", Day(8, 10), 10, 100);
        await IncidentAsync(struggling, "S-2", Day(10, 10), 45, 100);

        var overDelivering = await AgreementAsync("Overdelivering");
        foreach (var month in new[] { 8, 9, 10 })
            await IncidentAsync(overDelivering, $"O-{month}", Day(month, 12), 3, 24);

        var newService = await AgreementAsync("Growing");
        await IncidentAsync(newService, "N-1", Day(9, 3), 10, 100);
        await IncidentAsync(newService, "N-2", Day(9, 4), 10, 100, service: "cloud-backup");
        await IncidentAsync(newService, "N-3", Day(10, 4), 10, 100, service: "cloud-backup");

        var disputed = await AgreementAsync("Disputed");
        var incident = await IncidentAsync(disputed, "D-1", Day(9, 1), 10, 100);
        await DisputeAtAsync(incident, Day(9, 20));
        await DisputeAtAsync(incident, Day(10, 20));
        await DisputeAtAsync(incident, Day(10, 21));

        var ending = await AgreementAsync("Ending", effectiveTo: "2027-01-10T00:00:00Z");

        var advice = await AdviceAsync("");

        Reasons(advice, struggling).Should().Equal("struggling");
        var strugglingMonths = Of(advice, struggling)["months"]!.AsArray();
        strugglingMonths.Select(m => m!["month"]!.GetValue<string>()).Should().Equal("2026-08", "2026-09", "2026-10");
        strugglingMonths[2]!["compliance"]!.GetValue<decimal>().Should().Be(50m, "S-2 met its resolution and breached its response");
        Of(advice, struggling)["reasons"]![0]!["summary"]!.GetValue<string>().Should().Contain("2026-10").And.Contain("50");

        Reasons(advice, overDelivering).Should().Equal("over-delivering");
        Of(advice, overDelivering)["meanPercentOfTarget"]!.GetValue<decimal>().Should().Be(10m, "3 of 30 and 24 of 240 minutes are both 10 %");
        Of(advice, overDelivering)["stoppedClocks"]!.GetValue<long>().Should().Be(6);

        Reasons(advice, newService).Should().Equal("new-service");
        var uncovered = Of(advice, newService)["uncoveredServices"]!.AsArray().Single()!;
        (uncovered["serviceCode"]!.GetValue<string>(), uncovered["incidents"]!.GetValue<long>()).Should().Be(("cloud-backup", 2L));

        Reasons(advice, disputed).Should().Equal("disputes-rising");
        Of(advice, disputed)["months"]!.AsArray().Select(m => m!["disputes"]!.GetValue<long>()).Should().Equal(0, 1, 2);

        Reasons(advice, ending).Should().Equal("term-ending");
    }

    [Test]
    public async Task FallingCompliance_IsStruggling_EvenAboveTheThreshold()
    {
        var falling = await AgreementAsync("Falling");
        await IncidentAsync(falling, "F-1", Day(8, 10), 10, 100);
        await IncidentAsync(falling, "F-2", Day(9, 10), 10, 100);
        await IncidentAsync(falling, "F-3", Day(9, 11), 45, 100);
        await IncidentAsync(falling, "F-4", Day(10, 10), 45, 300);
        await IncidentAsync(falling, "F-5", Day(10, 11), 10, 100);

        var advice = await AdviceAsync("?complianceBelow=40");

        Reasons(advice, falling).Should().Equal("struggling");
        Of(advice, falling)["reasons"]![0]!["summary"]!.GetValue<string>().Should().Contain("100 % → 75 % → 50 %");
        Reasons(await AdviceAsync("?complianceBelow=40&months=2"), falling).Should().Equal(["struggling"], "75 % then 50 % still falls");
    }

    [Test]
    public async Task AnAgreementWithNothingToSay_HasNoReasons_AndBadBoundsAre400()
    {
        var quiet = await AgreementAsync("Quiet");
        await IncidentAsync(quiet, "Q-1", Day(10, 10), 25, 200);

        Reasons(await AdviceAsync(""), quiet).Should().BeEmpty("83 % of the targets used is no large margin, and nothing breached");
        await (await Client.GetAsync("/api/v1/agreements/refresh-advice?months=1")).ShouldBeValidationProblemAsync("months");
        await (await Client.GetAsync("/api/v1/agreements/refresh-advice?marginPercent=100")).ShouldBeValidationProblemAsync("marginPercent");
    }

    private static DateTimeOffset Day(int month, int day) => new(2026, month, day, 9, 0, 0, TimeSpan.Zero);

    private async Task<(string Customer, string Agreement)> AgreementAsync(string name, string effectiveTo = "2028-01-01T00:00:00Z")
    {
        var customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer(name, "connectwise", name)))["id"]!.GetValue<string>();
        var agreementId = (await CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, _policyId)
            .With("name", name).With("effectiveTo", effectiveTo).With("renewalDate", null)))["id"]!.GetValue<string>();
        return (customerId, agreementId);
    }

    private Task<string> IncidentAsync(
        (string Customer, string Agreement) agreement, string externalId, DateTimeOffset openedAt, int responseMinutes, int resolutionMinutes,
        string service = "managed-workstations") =>
        OpenAnsweredAsync(Definitions.Incident(agreement.Customer, externalId, openedAt.ToString("O")).With("serviceCode", service), responseMinutes, resolutionMinutes);

    private async Task DisputeAtAsync(string incidentId, DateTimeOffset at)
    {
        Time.AdjustTime(at);
        await CreateAsync($"/api/v1/incidents/{incidentId}/disputes", new { metric = "response", claim = "Late, we say" });
        Time.AdjustTime(Now);
    }

    private async Task<JsonArray> AdviceAsync(string query)
    {
        var response = await Client.GetAsync($"/api/v1/agreements/refresh-advice{query}");
        var body = await ReadAsync(response);
        response.IsSuccessStatusCode.Should().BeTrue(body.ToJsonString());
        return body["items"]!.AsArray();
    }

    private static JsonNode Of(JsonArray advice, (string Customer, string Agreement) agreement) =>
        advice.Single(a => a!["agreementId"]!.GetValue<string>() == agreement.Agreement)!;

    private static string[] Reasons(JsonArray advice, (string Customer, string Agreement) agreement) =>
        Of(advice, agreement)["reasons"]!.AsArray().Select(r => r!["code"]!.GetValue<string>()).ToArray();
}
