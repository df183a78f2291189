using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Reports;

/// <summary>
/// The pause report over resolution clocks on the 24x7 calendar, where business time is wall time. Every incident opens
/// on 2026-11-24 at 08:00Z, is answered at 08:10, waits from 08:20 and is resolved at 09:40: 100 minutes in all.
/// </summary>
public sealed class PauseReportTests(TestEngine engine) : ApiTest(engine)
{
    private const string November = "from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z";

    private async Task<string> PolicyAsync(int? maxPauseMinutes = null)
    {
        var policy = Definitions.AroundTheClock(resolutionMinutes: 480)
            .With("pauseStatuses", new[] { "waiting-customer" })
            .With("maxPauseMinutes", maxPauseMinutes);
        return (await CreateAsync("/api/v1/policies", policy))["id"]!.GetValue<string>();
    }

    private async Task<(string CustomerId, string AgreementId)> CustomerAsync(string policyId, string name, string reference)
    {
        var customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer(name, id: reference)))["id"]!.GetValue<string>();
        var agreementId = (await CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, policyId)))["id"]!.GetValue<string>();
        return (customerId, agreementId);
    }

    private async Task WaitsAsync(string customerId, string reference, int waitingMinutes, string? reason, params object[] more)
    {
        var id = (await CreateAsync("/api/v1/incidents", Definitions.Incident(customerId, reference, "2026-11-24T08:00:00Z")))["id"]!.GetValue<string>();
        var back = new DateTimeOffset(2026, 11, 24, 8, 20, 0, TimeSpan.Zero).AddMinutes(waitingMinutes);
        object[] events =
        [
            Definitions.Event("r", "responded", "2026-11-24T08:10:00Z"),
            Definitions.Event("w", "status-changed", "2026-11-24T08:20:00Z", status: "waiting-customer", reason: reason),
            Definitions.Event("b", "status-changed", back.ToString("O"), status: "in-progress"),
            Definitions.Event("s", "resolved", "2026-11-24T09:40:00Z"),
            .. more,
        ];
        foreach (var e in events)
            (await PostAsync($"/api/v1/incidents/{id}/events", e)).IsSuccessStatusCode.Should().BeTrue();
    }

    [Test]
    public async Task FiveCustomers_SharePerAgreementAndReason_AndTheOneWaitingSixtyOfAHundredMinutes_IsTheOutlier()
    {
        var policyId = await PolicyAsync();
        var customers = new List<(string CustomerId, string AgreementId)>();
        foreach (var (name, waiting, reason) in new[]
                 {
                     ("Alder", 10, "awaiting-info"), ("Birch", 12, "awaiting-info"), ("Cedar", 8, "awaiting-info"),
                     ("Dogwood", 11, (string?)null), ("Elm", 60, "customer-requested-delay"),
                 })
        {
            var customer = await CustomerAsync(policyId, name, name.ToLowerInvariant());
            customers.Add(customer);
            await WaitsAsync(customer.CustomerId, $"CW-{name}", waiting, reason);
        }

        var report = await ReadAsync(await Client.GetAsync($"/api/v1/reports/pauses?{November}&minCycles=1"));

        report["metric"]!.GetValue<string>().Should().Be("resolution");
        // 101 of the 500 minutes were spent waiting.
        var portfolio = report["portfolio"]!;
        (portfolio["cycles"]!.GetValue<long>(), portfolio["pausedCycles"]!.GetValue<long>(), portfolio["countedSeconds"]!.GetValue<long>(),
            portfolio["pausedSeconds"]!.GetValue<long>(), portfolio["pauseShare"]!.GetValue<decimal>()).Should().Be((5, 5, 399 * 60, 101 * 60, 20.20m));
        var elm = report["rows"]!.AsArray().Single(r => r!["agreementId"]!.GetValue<string>() == customers[4].AgreementId)!;
        (elm["customerId"]!.GetValue<string>(), elm["countedSeconds"]!.GetValue<long>(), elm["pausedSeconds"]!.GetValue<long>(),
            elm["pauseShare"]!.GetValue<decimal>()).Should().Be((customers[4].CustomerId, 40 * 60, 60 * 60, 60.00m));
        report["rows"]!.AsArray().Select(r => r!["pauseShare"]!.GetValue<decimal>()).Order().Should().Equal(8m, 10m, 11m, 12m, 60m);

        // 30, 11 and 60 minutes of the 101 paused and of the 500 in all.
        report["reasons"]!.AsArray().Select(r => (r!["reason"]?.GetValue<string>(), r["cycles"]!.GetValue<long>(), r["pausedSeconds"]!.GetValue<long>(),
                r["shareOfPausedTime"]!.GetValue<decimal>(), r["pauseShare"]!.GetValue<decimal>()))
            .Should().Equal(((string?)null, 1L, 660L, 10.89m, 2.20m), ("awaiting-info", 3L, 1800L, 29.70m, 6.00m),
                ("customer-requested-delay", 1L, 3600L, 59.41m, 12.00m));

        // Shares 8, 10, 11, 12 and 60 %: median 11; deviations 3, 1, 0, 1 and 49, whose median (the MAD) is 1.
        // Elm scores 0.6745 × 49 / 1 = 33.05; Birch, the next, 0.6745 × 1 = 0.67, far under 3.5.
        var outliers = report["outliers"]!;
        (outliers["customersScored"]!.GetValue<int>(), outliers["median"]!.GetValue<decimal>(), outliers["scale"]!.GetValue<decimal>(),
            outliers["threshold"]!.GetValue<decimal>()).Should().Be((5, 11m, 1.48m, 3.5m));
        outliers["customers"]!.AsArray().Select(c => (c!["customerId"]!.GetValue<string>(), c["pauseShare"]!.GetValue<decimal>(), c["score"]!.GetValue<decimal>()))
            .Should().Equal((customers[4].CustomerId, 60m, 33.05m));

        var byDefault = await ReadAsync(await Client.GetAsync($"/api/v1/reports/pauses?{November}"));
        (byDefault["outliers"]!["minCycles"]!.GetValue<int>(), byDefault["outliers"]!["customersScored"]!.GetValue<int>()).Should().Be((5, 0),
            "one cycle each is too few to score a customer by default");
        byDefault["outliers"]!["customers"]!.AsArray().Should().BeEmpty();

        var own = ClientWithKey(await Factory.IssueKeyAsync([Scopes.ReportsRead], customerId: Guid.Parse(customers[4].CustomerId)));
        var elmsOwn = await ReadAsync(await own.GetAsync($"/api/v1/reports/pauses?{November}&minCycles=1"));
        elmsOwn["rows"]!.AsArray().Select(r => r!["agreementId"]!.GetValue<string>()).Should().Equal(customers[4].AgreementId);
        elmsOwn["reasons"]!.AsArray().Select(r => r!["reason"]!.GetValue<string>()).Should().Equal("customer-requested-delay");
        elmsOwn["outliers"]!["customers"]!.AsArray().Should().BeEmpty("a customer's key is not scored against customers it cannot see");
    }

    [Test]
    public async Task UnderACap_OnlyTheCappedPauseCounts_AndAReopenGapIsNoPause()
    {
        var policyId = await PolicyAsync(maxPauseMinutes: 30);
        var (customerId, agreementId) = await CustomerAsync(policyId, "Fir", "fir");
        // Waiting 50 minutes under a 30-minute cap, resolved at 09:40, reopened at 09:50 (inside the window) and resolved at
        // 10:00: of 120 minutes, 10 are the reopen gap, 30 paused and 80 counted.
        await WaitsAsync(customerId, "CW-Fir", 50, null,
            Definitions.Event("o", "reopened", "2026-11-24T09:50:00Z"), Definitions.Event("s2", "resolved", "2026-11-24T10:00:00Z"));

        var row = (await ReadAsync(await Client.GetAsync($"/api/v1/reports/pauses?{November}")))["rows"]!.AsArray().Single()!;

        (row["agreementId"]!.GetValue<string>(), row["countedSeconds"]!.GetValue<long>(), row["pausedSeconds"]!.GetValue<long>(),
            row["pauseShare"]!.GetValue<decimal>()).Should().Be((agreementId, 80 * 60, 30 * 60, 27.27m));
        var response = (await ReadAsync(await Client.GetAsync($"/api/v1/reports/pauses?{November}&metric=response")))["portfolio"]!;
        (response["cycles"]!.GetValue<long>(), response["pausedSeconds"]!.GetValue<long>()).Should().Be((1, 0), "the response clock stopped before the wait");
    }

    [TestCase("pauses?" + November + "&metric=mttr", "metric")]
    [TestCase("pauses?" + November + "&minCycles=0", "minCycles")]
    [TestCase("pauses?from=2026-11-01T00:00:00Z", "to")]
    public async Task BadFilters_Answer400_NamingTheField(string report, string field) =>
        await (await Client.GetAsync("/api/v1/reports/" + report)).ShouldBeValidationProblemAsync(field);
}
