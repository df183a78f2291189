using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Disputes;

/// <summary>
/// A 24x7 policy (P1: response 30, resolution 240 minutes) and an agreement of 1,000 USD a month owing 5 % per response
/// breach (cap 20 %) and 10 % per resolution breach (cap 50 %). In October, A answered late (45 minutes) and B resolved
/// late (300 minutes): 50 + 100 = 150 USD of credit, until disputes say otherwise.
/// </summary>
public sealed class DisputeTests(TestEngine engine) : ApiTest(engine)
{
    private static readonly DateTimeOffset OpenedA = new(2026, 10, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset OpenedB = new(2026, 10, 6, 9, 0, 0, TimeSpan.Zero);

    private string _customerId = "";
    private string _agreementId = "";
    private string _incidentA = "";
    private string _incidentB = "";
    private HttpClient _customer = null!;

    [SetUp]
    public async Task TwoIncidentsWithABreachEach()
    {
        var policyId = (await CreateAsync("/api/v1/policies", Definitions.AroundTheClock()))["id"]!.GetValue<string>();
        _customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
        _agreementId = (await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerId, policyId)
            .With("monthlyFee", new { amount = 1000m, currency = "USD" })
            .With("creditRules", new[]
            {
                new { metric = "response", percentOfMonthlyFeePerBreach = 5m, capPercent = 20m },
                new { metric = "resolution", percentOfMonthlyFeePerBreach = 10m, capPercent = 50m },
            })))["id"]!.GetValue<string>();
        _incidentA = await IncidentAsync("A", OpenedA, responseMinutes: 45, resolutionMinutes: 100);
        _incidentB = await IncidentAsync("B", OpenedB, responseMinutes: 10, resolutionMinutes: 300);
        _customer = ClientWithKey(await Factory.IssueKeyAsync([Scopes.SlaRead, Scopes.DisputesWrite], Guid.Parse(_customerId)));
    }

    [TearDown]
    public void DisposeCustomer() => _customer.Dispose();

    [Test]
    public async Task UpheldDisputes_CorrectOrExcludeTheClock_AndTheCreditFollows()
    {
        (await TotalCreditAsync()).Should().Be(150m);

        var raised = await RaiseAsync(_customer, _incidentA, "response", "We were called back at 09:20; the ticket was updated late.");
        raised["status"]!.GetValue<string>().Should().Be("open");
        raised["agreementId"]!.GetValue<string>().Should().Be(_agreementId);
        (await ReviewAsync(_customer, raised, new { decision = "upheld", reason = "Call log", remedy = "exclude" })).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "a customer cannot judge its own dispute");

        var corrected = await ReadAsync(await ReviewAsync(Client, raised, new
        {
            decision = "upheld", reason = "The call log shows the callback at 09:20.", remedy = "correct",
            correctionType = "responded", correctionOccurredAt = OpenedA.AddMinutes(20).ToString("O"),
        }));

        corrected["status"]!.GetValue<string>().Should().Be("upheld");
        corrected["eventId"]!.GetValue<string>().Should().Be($"dispute-{Guid.Parse(raised["id"]!.GetValue<string>()):N}");
        var response = (await IncidentAsync(_incidentA))["clocks"]!.AsArray().Single(c => c!["metric"]!.GetValue<string>() == "response")!;
        response["state"]!.GetValue<string>().Should().Be("met", "the corrected first response came 20 minutes after the opening");
        var timeline = await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{_incidentA}/timeline"));
        timeline.ToJsonString().Should().Contain(corrected["eventId"]!.GetValue<string>(), "the timeline is the evidence");
        (await TotalCreditAsync()).Should().Be(100m, "only B's resolution breach is left: 10 % of 1,000");

        var excluded = await ReadAsync(await ReviewAsync(Client, await RaiseAsync(_customer, _incidentB, "resolution", "We were waiting on your vendor."),
            new { decision = "upheld", reason = "The vendor outage is outside the agreement.", remedy = "exclude" }));

        excluded["remedy"]!.GetValue<string>().Should().Be("exclude");
        (await IncidentAsync(_incidentB))["excluded"]!.GetValue<bool>().Should().BeTrue();
        (await TotalCreditAsync()).Should().Be(0m, "B's breach is excluded and earns no credit");
    }

    [Test]
    public async Task ARejectedDispute_KeepsItsReason_ChangesNothing_AndAReviewIsFinal()
    {
        var raised = await RaiseAsync(_customer, _incidentB, "resolution", "It was fixed sooner.");

        var rejected = await ReadAsync(await ReviewAsync(Client, raised, new { decision = "rejected", reason = "The fix was confirmed at 14:00." }));

        rejected["status"]!.GetValue<string>().Should().Be("rejected");
        rejected["reason"]!.GetValue<string>().Should().Be("The fix was confirmed at 14:00.");
        rejected["eventId"].Should().BeNull();
        rejected["reviewedAt"]!.GetValue<DateTimeOffset>().Should().Be(Now);
        (await TotalCreditAsync()).Should().Be(150m);
        var again = await ReviewAsync(Client, raised, new { decision = "upheld", reason = "Changed my mind", remedy = "exclude" });
        (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict))["code"]!.GetValue<string>().Should().Be("dispute.already-reviewed");
        (await IncidentAsync(_incidentB))["excluded"]!.GetValue<bool>().Should().BeFalse("the refused second review recorded nothing");
    }

    [Test]
    public async Task TwoReviewsRacing_OneWins_AndOnlyAnUpheldWinnerRecordsItsRemedy()
    {
        for (var run = 0; run < 15; run++)
        {
            var raised = await RaiseAsync(_customer, _incidentB, "resolution", $"Race {run}.");
            using var other = ClientWithKey(await Factory.IssueKeyAsync([Scopes.DisputesReview]));
            var answers = await Task.WhenAll(
                ReviewAsync(Client, raised, new { decision = "upheld", reason = "Call log", remedy = "exclude" }),
                ReviewAsync(other, raised, new { decision = "rejected", reason = "No record of it" }));

            answers.Select(a => a.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict], $"run {run}: one review wins");
            var status = (await ReadAsync(await Client.GetAsync($"/api/v1/disputes/{raised["id"]}")))["status"]!.GetValue<string>();
            var remedied = (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{_incidentB}/timeline")))["events"]!.AsArray()
                .Any(e => e!["eventId"]!.GetValue<string>() == $"dispute-{Guid.Parse(raised["id"]!.GetValue<string>()):N}");
            remedied.Should().Be(status == "upheld", $"run {run}: the dispute ended {status}");
        }
    }

    [Test]
    public async Task DisputesRaisedAtOnce_NeverPassTheCapOfTheirIncident()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, SlaApi.Domain.Disputes.Dispute.MaxPerIncident + 5).Select(i =>
            _customer.PostAsJsonAsync($"/api/v1/incidents/{_incidentB}/disputes", new { metric = "resolution", claim = $"Claim {i}." })));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().Be(SlaApi.Domain.Disputes.Dispute.MaxPerIncident);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
            (await ReadAsync(refused))["code"]!.GetValue<string>().Should().Be("dispute.too-many");
        (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{_incidentB}/disputes")))["totalItems"]!.GetValue<long>()
            .Should().Be(SlaApi.Domain.Disputes.Dispute.MaxPerIncident);
    }

    [Test]
    public async Task RepeatingTheReviewThatWon_AnswersItAgain_AndRecordsItsRemedyOnce()
    {
        var raised = await RaiseAsync(_customer, _incidentB, "resolution", "It was fixed sooner.");
        var review = new { decision = "upheld", reason = "Call log", remedy = "exclude" };

        (await ReviewAsync(Client, raised, review)).StatusCode.Should().Be(HttpStatusCode.OK);
        var repeated = await ReviewAsync(Client, raised, review);

        repeated.StatusCode.Should().Be(HttpStatusCode.OK, "a repeat of the review that won completes its remedy, which changes nothing twice");
        (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{_incidentB}/timeline")))["events"]!.AsArray()
            .Count(e => e!["type"]!.GetValue<string>() == "excluded").Should().Be(1);
    }

    [Test]
    public async Task TheDisputesReport_CountsPerAgreementAndMonth_AndListsFilterByStatus()
    {
        var first = await RaiseAsync(_customer, _incidentA, "response", "Called back at 09:20.");
        await ReviewAsync(Client, first, new { decision = "upheld", reason = "Confirmed", remedy = "exclude" });
        await ReviewAsync(Client, await RaiseAsync(Client, _incidentB, "resolution", "Raised by the MSP itself."), new { decision = "rejected", reason = "No" });
        await RaiseAsync(_customer, _incidentB, "response", "Still open.");

        var rows = (await ReadAsync(await Client.GetAsync("/api/v1/reports/disputes?from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z")))["rows"]!.AsArray();

        rows.Should().ContainSingle();
        rows[0]!["agreementId"]!.GetValue<string>().Should().Be(_agreementId);
        rows[0]!["month"]!.GetValue<string>().Should().Be("2026-11");
        (rows[0]!["raised"]!.GetValue<long>(), rows[0]!["open"]!.GetValue<long>(), rows[0]!["upheld"]!.GetValue<long>(), rows[0]!["rejected"]!.GetValue<long>())
            .Should().Be((3L, 1L, 1L, 1L));
        var open = await ReadAsync(await _customer.GetAsync("/api/v1/disputes?status=open"));
        open["items"]!.AsArray().Select(d => d!["claim"]!.GetValue<string>()).Should().Equal("Still open.");
        (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{_incidentB}/disputes")))["totalItems"]!.GetValue<long>().Should().Be(2);
    }

    [Test]
    public async Task AnotherCustomersKey_NeitherSeesNorRaises()
    {
        var dispute = await RaiseAsync(_customer, _incidentA, "response", "Called back at 09:20.");
        var other = (await CreateAsync("/api/v1/customers", Definitions.Customer("Globex", "connectwise", "999")))["id"]!.GetValue<string>();
        using var stranger = ClientWithKey(await Factory.IssueKeyAsync([Scopes.SlaRead, Scopes.DisputesWrite], Guid.Parse(other)));

        (await stranger.GetAsync($"/api/v1/disputes/{dispute["id"]}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/api/v1/incidents/{_incidentA}/disputes")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stranger.PostAsJsonAsync($"/api/v1/incidents/{_incidentA}/disputes", new { metric = "response", claim = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ReadAsync(await stranger.GetAsync("/api/v1/disputes")))["totalItems"]!.GetValue<long>().Should().Be(0);
    }

    [TestCase("decision", "accepted", "decision")]
    [TestCase("remedy", null, "remedy")]
    [TestCase("remedy", "refund", "remedy")]
    [TestCase("correctionType", "excluded", "correctionType")]
    [TestCase("correctionOccurredAt", null, "correctionOccurredAt")]
    public async Task AReviewMissingWhatItsDecisionNeeds_Is400NamingTheField(string key, object? value, string field)
    {
        var dispute = await RaiseAsync(_customer, _incidentA, "response", "Called back at 09:20.");
        var review = new Dictionary<string, object?>
        {
            ["decision"] = "upheld", ["reason"] = "Call log", ["remedy"] = "correct", ["correctionType"] = "responded",
            ["correctionOccurredAt"] = OpenedA.AddMinutes(20).ToString("O"),
        }.With(key, value);

        await (await ReviewAsync(Client, dispute, review)).ShouldBeValidationProblemAsync(field);
    }

    [Test]
    public async Task ACorrectionBeforeTheOpening_Is422_AndTheDisputeStaysOpen()
    {
        var dispute = await RaiseAsync(_customer, _incidentA, "response", "Answered before it was logged.");

        var response = await ReviewAsync(Client, dispute, new
        {
            decision = "upheld", reason = "r", remedy = "correct", correctionType = "responded", correctionOccurredAt = OpenedA.AddMinutes(-5).ToString("O"),
        });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        (await ReadAsync(await Client.GetAsync($"/api/v1/disputes/{dispute["id"]}")))["status"]!.GetValue<string>().Should().Be("open");
    }

    private Task<string> IncidentAsync(string externalId, DateTimeOffset openedAt, int responseMinutes, int resolutionMinutes) =>
        OpenAnsweredAsync(Definitions.Incident(_customerId, externalId, openedAt.ToString("O")), responseMinutes, resolutionMinutes);

    private async Task<JsonNode> IncidentAsync(string id) => await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}"));

    private static async Task<JsonNode> RaiseAsync(HttpClient client, string incidentId, string metric, string claim)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/disputes", new { metric, claim });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync(response))!;
    }

    private static Task<HttpResponseMessage> ReviewAsync(HttpClient client, JsonNode dispute, object review) =>
        client.PostAsJsonAsync($"/api/v1/disputes/{dispute["id"]}/review", review);

    private async Task<decimal> TotalCreditAsync() =>
        (await ReadAsync(await Client.GetAsync("/api/v1/reports/credits?month=2026-10")))["rows"]!.AsArray()[0]!["totalCredit"]!.GetValue<decimal>();
}
