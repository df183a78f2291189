using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Reports;

/// <summary>
/// Credits as contracts write them (sla-semantics §8 "Credits"), worked out by hand: a 24x7 policy (P1 response 30,
/// resolution 240 minutes) offering a "premium" tier (P1 response 10, resolution 120, +20 % a month).
/// </summary>
public sealed class CreditModelTests(TestEngine engine) : ApiTest(engine)
{
    private string _policyId = "";

    [SetUp]
    public async Task DefinePolicy() =>
        _policyId = (await CreateAsync("/api/v1/policies", Definitions.AroundTheClock().With("responseTiers", new[]
        {
            new { name = "premium", monthlySurchargePercent = 20m, targets = new[] { new { priority = 1, responseMinutes = 10, resolutionMinutes = 120 } } },
        })))["id"]!.GetValue<string>();

    [Test]
    public async Task AnAmountPerBreachAndComplianceTiers_UnderTheAgreementsCap_InItsOwnZonesMonth()
    {
        var customerId = await CustomerAsync("Acme");
        var agreement = await CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, _policyId)
            .With("monthlyFee", new { amount = 1000m, currency = "USD" })
            .With("timeZone", "Pacific/Auckland")
            .With("creditCapPercent", 25m)
            .With("creditRules", new object[]
            {
                new { metric = "response", kind = "amount-per-breach", amountPerBreach = 75m, capAmount = 200m },
                new
                {
                    metric = "resolution", kind = "compliance-tier",
                    tiers = new[] { new { belowPercent = 99m, creditPercent = 5m }, new { belowPercent = 90m, creditPercent = 10m } },
                },
            }));
        (int Response, int Resolution)[] minutes = [(20, 100), (45, 300), (50, 200), (60, 230)];
        for (var i = 0; i < minutes.Length; i++)
            await IncidentAsync(customerId, $"A-{i}", new DateTimeOffset(2026, 10, 10 + i, 9, 0, 0, TimeSpan.Zero), minutes[i].Response, minutes[i].Resolution);
        await IncidentAsync(customerId, "A-late", new DateTimeOffset(2026, 10, 31, 20, 0, 0, TimeSpan.Zero), 45, 100);

        var row = (await CreditRowsAsync("2026-10")).Where(r => r!["agreementId"]!.GetValue<string>() == agreement["id"]!.GetValue<string>()).ToArray();

        row.Should().HaveCount(2);
        row[0]!["timeZone"]!.GetValue<string>().Should().Be("Pacific/Auckland");
        row[0]!["from"]!.GetValue<DateTimeOffset>().Should().Be(DateTimeOffset.Parse("2026-09-30T11:00:00Z"), "October starts at midnight in Auckland (NZDT, +13)");
        row[0]!["responseBreaches"]!.GetValue<long>().Should().Be(3, "A-late breached on 31 October UTC, which is November in Auckland");
        row[0]!["resolutionMet"]!.GetValue<long>().Should().Be(3);
        row[0]!["resolutionBreaches"]!.GetValue<long>().Should().Be(1);
        var (response, resolution) = (row.Single(r => r!["ruleMetric"]!.GetValue<string>() == "response")!, row.Single(r => r!["ruleMetric"]!.GetValue<string>() == "resolution")!);
        response["ruleCredit"]!.GetValue<decimal>().Should().Be(200m, "3 × 75 = 225, capped at 200");
        response["ruleCapApplied"]!.GetValue<bool>().Should().BeTrue();
        resolution["compliance"]!.GetValue<decimal>().Should().Be(75m);
        resolution["tierBelowPercent"]!.GetValue<decimal>().Should().Be(90m);
        resolution["ruleCredit"]!.GetValue<decimal>().Should().Be(100m, "75 % is below 90 %: 10 % of 1,000");
        response["totalCredit"]!.GetValue<decimal>().Should().Be(250m, "200 + 100 = 300, capped at 25 % of the fee");
        response["totalCapApplied"]!.GetValue<bool>().Should().BeTrue();

        var november = (await CreditRowsAsync("2026-11")).First(r => r!["agreementId"]!.GetValue<string>() == agreement["id"]!.GetValue<string>())!;
        november["responseBreaches"]!.GetValue<long>().Should().Be(1);
        november["ruleCredit"]!.GetValue<decimal>().Should().Be(75m);
        november["totalCredit"]!.GetValue<decimal>().Should().Be(75m, "the resolution met: 100 % compliance earns no tier");
    }

    [Test]
    public async Task APremiumTier_HoldsTheAgreementToItsTargets_AndRaisesTheChargeCreditsAreSharesOf()
    {
        var customerId = await CustomerAsync("Globex");
        var agreement = await CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, _policyId)
            .With("monthlyFee", new { amount = 500m, currency = "EUR" })
            .With("responseTier", "premium")
            .With("creditRules", new[] { new { metric = "response", percentOfMonthlyFeePerBreach = 5m, capPercent = 50m } }));
        agreement["responseTier"]!.GetValue<string>().Should().Be("premium");

        var incident = await IncidentAsync(customerId, "G-1", new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 20, 100);

        incident["sla"]!["responseTier"]!.GetValue<string>().Should().Be("premium");
        var response = incident["clocks"]!.AsArray().Single(c => c!["metric"]!.GetValue<string>() == "response")!;
        response["targetSeconds"]!.GetValue<long>().Should().Be(600, "premium answers P1 in 10 minutes");
        response["state"]!.GetValue<string>().Should().Be("breached", "20 minutes meets the standard 30 but not premium's 10");
        var row = (await CreditRowsAsync("2026-10")).Single(r => r!["agreementId"]!.GetValue<string>() == agreement["id"]!.GetValue<string>())!;
        row["surchargePercent"]!.GetValue<decimal>().Should().Be(20m);
        row["monthlyCharge"]!.GetValue<decimal>().Should().Be(600m);
        row["ruleCredit"]!.GetValue<decimal>().Should().Be(30m, "5 % of the 600 charged");
        var document = await (await Client.GetAsync($"/api/v1/agreements/{agreement["id"]}/document")).Content.ReadAsStringAsync();
        document.Should().Contain("| P1 | 10 business minutes | 120 business minutes (2 h) |", "the document states the tier's targets the clocks follow")
            .And.Contain("Response tier: premium, a surcharge of 20 % of the fee: 600.00 EUR a month in all.");
    }

    private async Task<string> CustomerAsync(string name) =>
        (await CreateAsync("/api/v1/customers", Definitions.Customer(name, "connectwise", name)))["id"]!.GetValue<string>();

    /// <summary>A P1 incident responded to and resolved the given minutes after it opened; answers the incident as it stands.</summary>
    private async Task<JsonNode> IncidentAsync(string customerId, string externalId, DateTimeOffset openedAt, int responseMinutes, int resolutionMinutes)
    {
        var id = await OpenAnsweredAsync(Definitions.Incident(customerId, externalId, openedAt.ToString("O")), responseMinutes, resolutionMinutes);
        return await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}"));
    }

    private async Task<JsonArray> CreditRowsAsync(string month) =>
        (await ReadAsync(await Client.GetAsync($"/api/v1/reports/credits?month={month}")))["rows"]!.AsArray();
}
