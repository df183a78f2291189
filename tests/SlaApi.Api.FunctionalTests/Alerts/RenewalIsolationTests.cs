using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Alerts;

/// <summary>
/// One customer's renewal lead times raise alerts for its own agreements only, and renewal reads see the caller's
/// customer only. The victim is the fixture's customer, whose agreement renews on 2026-12-01 and ends on 2027-01-01;
/// the other renews on 2027-06-01 (188 days after 2026-11-25) and ends on 2027-07-01 (218 days).
/// </summary>
public sealed class RenewalIsolationTests(TestEngine engine) : AlertTest(engine)
{
    private string _otherId = "";

    [SetUp]
    public async Task AnotherCustomerWithItsAgreement()
    {
        _otherId = (await CreateAsync("/api/v1/customers", Definitions.Customer("Intruder", id: "251")))["id"]!.GetValue<string>();
        var policyId = (await ReadAsync(await Client.GetAsync($"/api/v1/agreements/{AgreementId}")))["policyId"]!.GetValue<string>();
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(_otherId, policyId)
            .With("effectiveTo", "2027-07-01T00:00:00Z").With("renewalDate", "2027-06-01"));
    }

    [Test]
    public async Task ACustomersLeadTimes_RaiseAlertsForItsOwnAgreementsOnly()
    {
        using var intruder = ClientWithKey(await Factory.IssueKeyAsync([Scopes.WebhooksWrite, Scopes.SlaRead], Guid.Parse(_otherId)));
        foreach (var days in new[] { 300, 200 })
        {
            var created = await intruder.PostAsync("/api/v1/webhooks", System.Net.Http.Json.JsonContent.Create(
                new { url = "http://127.0.0.1:9/hooks", types = new[] { "agreement.renewal-due" }, renewalDays = days }));
            created.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        Time.Advance(TimeSpan.FromMinutes(6));

        using var victim = ClientWithKey(await Factory.IssueKeyAsync([Scopes.SlaRead], Guid.Parse(CustomerId)));
        (await AlertsAsync(1, victim, renewals: true)).Select(Renewal).Should().Equal("renewal-date 30");
        (await AlertsAsync(3, intruder, renewals: true)).Select(Renewal).Should().BeEquivalentTo("renewal-date 300", "term-end 300", "renewal-date 200");
    }

    [Test]
    public async Task RenewalReads_SeeTheCallersCustomerOnly_APageAtATime()
    {
        using var victim = ClientWithKey(await Factory.IssueKeyAsync([Scopes.SlaRead, Scopes.ReportsRead], Guid.Parse(CustomerId)));

        var expiring = await ReadAsync(await victim.GetAsync("/api/v1/agreements/expiring?withinDays=3650&pageSize=200"));
        var report = await ReadAsync(await victim.GetAsync("/api/v1/reports/renewals?withinDays=3650"));
        var everyone = await ReadAsync(await Client.GetAsync("/api/v1/agreements/expiring?withinDays=3650&pageSize=1"));

        expiring["items"]!.AsArray().Select(a => a!["customerId"]!.GetValue<string>()).Should().Equal(CustomerId);
        report["rows"]!.AsArray().Select(r => r!["customerId"]!.GetValue<string>()).Should().Equal(CustomerId);
        everyone["items"]!.AsArray().Select(a => a!["customerId"]!.GetValue<string>()).Should().Equal([CustomerId], "the earliest date first");
        everyone["totalItems"]!.GetValue<long>().Should().Be(2);
        await (await Client.GetAsync("/api/v1/agreements/expiring?pageSize=201")).ShouldBeValidationProblemAsync("pageSize");
    }

    private static string Renewal(System.Text.Json.Nodes.JsonNode alert) => $"{alert["reason"]} {alert["daysBefore"]}";
}
