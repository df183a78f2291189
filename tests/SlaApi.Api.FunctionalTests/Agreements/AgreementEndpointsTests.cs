using System.Net;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Agreements;

public sealed class AgreementEndpointsTests(TestEngine engine) : ApiTest(engine)
{
    private string _customerId = "";
    private string _policyId = "";

    [SetUp]
    public async Task DefineCustomerAndPolicy()
    {
        var calendarId = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();
        _policyId = (await CreateAsync("/api/v1/policies", Definitions.Policy(calendarId)))["id"]!.GetValue<string>();
        _customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
    }

    [Test]
    public async Task Conclude_Valid_Returns201WithNormalisedTerms()
    {
        var response = await PostAsync("/api/v1/agreements", Definitions.Agreement(_customerId, _policyId)
            .With("monthlyFee", new { amount = 1500.50m, currency = "usd" }));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var agreement = await ReadAsync(response);
        agreement["monthlyFee"]!["amount"]!.GetValue<decimal>().Should().Be(1500.50m);
        agreement["monthlyFee"]!["currency"]!.GetValue<string>().Should().Be("USD");
        agreement["renewalDate"]!.GetValue<string>().Should().Be("2026-12-01");
        agreement["effectiveTo"]!.GetValue<string>().Should().Be("2027-01-01T00:00:00Z");
    }

    [Test]
    public async Task Conclude_OverlappingTermForSameService_Returns409NamingTheOther()
    {
        var first = await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerId, _policyId));

        var response = await PostAsync("/api/v1/agreements", Definitions.Agreement(_customerId, _policyId, "managed-workstations", "backup")
            .With("effectiveFrom", "2026-06-01T00:00:00Z").With("effectiveTo", null));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem["code"]!.GetValue<string>().Should().Be("agreement.overlapping-term");
        problem["conflictingAgreementId"]!.GetValue<string>().Should().Be(first["id"]!.GetValue<string>());
    }

    [Test]
    public async Task Conclude_AllServicesAgainstAnySharedTerm_Returns409()
    {
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerId, _policyId));

        var response = await PostAsync("/api/v1/agreements", Definitions.Agreement(_customerId, _policyId).With("coveredServices", Array.Empty<string>()));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Conclude_OtherServiceOrFollowingTerm_IsAccepted()
    {
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerId, _policyId));

        await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerId, _policyId, "managed-servers"));
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerId, _policyId)
            .With("effectiveFrom", "2027-01-01T00:00:00Z").With("effectiveTo", "2028-01-01T00:00:00Z"));

        (await ReadAsync(await Client.GetAsync($"/api/v1/customers/{_customerId}/agreements"))).AsArray().Should().HaveCount(3);
    }

    [Test]
    public async Task Conclude_OverlappingConcurrently_StoresExactlyOne()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(_ => PostAsync("/api/v1/agreements", Definitions.Agreement(_customerId, _policyId))));

        responses.Select(r => r.StatusCode).Should().BeEquivalentTo(
            [HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict]);
    }

    private static IEnumerable<TestCaseData> InvalidAgreements()
    {
        yield return new TestCaseData("customerId", Guid.NewGuid(), "customerId").SetName("UnknownCustomer");
        yield return new TestCaseData("policyId", Guid.NewGuid(), "policyId").SetName("UnknownPolicy");
        yield return new TestCaseData("effectiveTo", "2025-12-31T00:00:00Z", "effectiveTo").SetName("EndsBeforeStart");
        yield return new TestCaseData("effectiveFrom", "2026-01-01", "effectiveFrom").SetName("DateWithoutTime");
        yield return new TestCaseData("monthlyFee", new { amount = 10, currency = "EURO" }, "monthlyFee.currency").SetName("NotIso4217");
        yield return new TestCaseData("monthlyFee", new { amount = -1, currency = "EUR" }, "monthlyFee.amount").SetName("NegativeFee");
        yield return new TestCaseData("creditRules", new[] { new { metric = "availability", percentOfMonthlyFeePerBreach = 5, capPercent = 10 } }, "creditRules[0].metric").SetName("UnknownCreditMetric");
        yield return new TestCaseData("creditRules", new[] { new { metric = "response", percentOfMonthlyFeePerBreach = 0, capPercent = 10 } }, "creditRules[0].percentOfMonthlyFeePerBreach").SetName("ZeroCredit");
        yield return new TestCaseData("coveredServices", new[] { "Managed Workstations" }, "coveredServices[0]").SetName("ServiceNotACode");
        yield return new TestCaseData("creditRules", new[] { new { metric = "response", kind = "bonus" } }, "creditRules[0].kind").SetName("UnknownCreditKind");
        yield return new TestCaseData("creditRules", new[] { new { metric = "response", kind = "amount-per-breach", amountPerBreach = 50, capPercent = 10 } }, "creditRules[0].capPercent")
            .SetName("PercentCapOnAnAmountRule");
        yield return new TestCaseData("creditRules", new[] { new { metric = "response", kind = "amount-per-breach" } }, "creditRules[0].amountPerBreach").SetName("AmountRuleWithoutAmount");
        yield return new TestCaseData("creditRules", new[]
        {
            new { metric = "resolution", kind = "compliance-tier", tiers = new[] { new { belowPercent = 99m, creditPercent = 10m }, new { belowPercent = 95m, creditPercent = 5m } } },
        }, "creditRules[0].tiers").SetName("LowerTierEarningLess");
        yield return new TestCaseData("creditRules", new[] { new { metric = "resolution", kind = "compliance-tier", tiers = Array.Empty<object>() } }, "creditRules[0].tiers").SetName("TierRuleWithoutTiers");
        yield return new TestCaseData("creditCapPercent", 0, "creditCapPercent").SetName("ZeroCreditCap");
        yield return new TestCaseData("timeZone", "Europe/Atlantis", "timeZone").SetName("UnknownTimeZone");
        yield return new TestCaseData("responseTier", "platinum", "responseTier").SetName("TierThePolicyDoesNotOffer");
        yield return new TestCaseData("paymentDueDays", 30, "paymentDueDays").SetName("DueDaysWithoutFrequency");
        yield return new TestCaseData("paymentFrequency", "weekly", "paymentFrequency").SetName("UnknownPaymentFrequency");
        yield return new TestCaseData("escalationContacts", new[] { new { level = 1, name = "Dana", email = "not-an-address" } }, "escalationContacts[0].email").SetName("ContactEmailNotAnAddress");
        yield return new TestCaseData("exclusions", new[] { new string('x', 1001) }, "exclusions[0]").SetName("ExclusionTooLong");
    }

    [TestCaseSource(nameof(InvalidAgreements))]
    public async Task Conclude_Invalid_Returns400NamingTheField(string key, object value, string field)
    {
        var response = await PostAsync("/api/v1/agreements", Definitions.Agreement(_customerId, _policyId).With(key, value));

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Test]
    public async Task Revise_KeepsVersionsAndRefusesAMoveToAnotherCustomer()
    {
        var id = (await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerId, _policyId)))["id"]!.GetValue<string>();
        var otherCustomer = (await CreateAsync("/api/v1/customers", Definitions.Customer("Other", "psa", "9")))["id"]!.GetValue<string>();

        (await PutAsync($"/api/v1/agreements/{id}", Definitions.Agreement(_customerId, _policyId).With("name", "Renewed"), "\"1\"")).EnsureSuccessStatusCode();
        var moved = await PutAsync($"/api/v1/agreements/{id}", Definitions.Agreement(otherCustomer, _policyId), "\"2\"");

        (await moved.ShouldBeProblemAsync(HttpStatusCode.Conflict))["code"]!.GetValue<string>().Should().Be("agreement.customer-immutable");
        (await ReadAsync(await Client.GetAsync($"/api/v1/agreements/{id}")))["name"]!.GetValue<string>().Should().Be("Renewed");
        (await ReadAsync(await Client.GetAsync($"/api/v1/agreements/{id}/versions/1")))["name"]!.GetValue<string>().Should().Be("Managed workstations 2026");
    }

    [Test]
    public async Task Expiring_ListsTermEndsAndRenewalsInTheWindow()
    {
        // Now is 2026-11-25T12:00Z. Renewal 2026-12-01 is within 30 days; a term ending 2027-01-01 is not.
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerId, _policyId));
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerId, _policyId, "managed-servers").With("renewalDate", null));

        var within30 = await ReadAsync(await Client.GetAsync("/api/v1/agreements/expiring"));
        var within40 = await ReadAsync(await Client.GetAsync("/api/v1/agreements/expiring?withinDays=40"));

        within30["items"]!.AsArray().Select(a => a!["coveredServices"]![0]!.GetValue<string>()).Should().Equal("managed-workstations");
        within40["items"]!.AsArray().Should().HaveCount(2);
        await (await Client.GetAsync("/api/v1/agreements/expiring?withinDays=0")).ShouldBeValidationProblemAsync("withinDays");
    }

    [Test]
    public async Task CustomerAgreements_UnknownCustomer_Returns404() =>
        await (await Client.GetAsync($"/api/v1/customers/{Guid.NewGuid()}/agreements")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
}
