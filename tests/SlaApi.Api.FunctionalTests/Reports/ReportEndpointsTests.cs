using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Reports;

public sealed class ReportEndpointsTests(TestEngine engine) : ReportTest(engine)
{
    private const string Span = "from=2026-09-01T00:00:00Z&to=2026-12-01T00:00:00Z";

    [Test]
    public async Task ResponseTimes_AgreeWithTheTimesWorkedOutFromTheEvents()
    {
        var report = await GetReportAsync($"/api/v1/reports/response-times?{Span}&groupBy=customer");

        var expected = Times
            .Where(t => t.EndedAt >= new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero))
            .GroupBy(t => (t.CustomerId, t.Measure))
            .Select(g => Line(g.Key.CustomerId, g.Key.Measure, g.Count(),
                Stats(g.Select(t => t.BusinessSeconds)), Stats(g.Select(t => t.WallSeconds))));
        var actual = report["rows"]!.AsArray().Select(r => Line(
            r!["customerId"]!.GetValue<string>(), r["measure"]!.GetValue<string>(), r["count"]!.GetValue<int>(),
            (r["businessMeanSeconds"]!.GetValue<decimal>(), r["businessP50Seconds"]!.GetValue<long>(), r["businessP90Seconds"]!.GetValue<long>(), r["businessMaxSeconds"]!.GetValue<long>()),
            (r["wallMeanSeconds"]!.GetValue<decimal>(), r["wallP50Seconds"]!.GetValue<long>(), r["wallP90Seconds"]!.GetValue<long>(), r["wallMaxSeconds"]!.GetValue<long>())));
        actual.Should().BeEquivalentTo(expected);
        report["header"]!["definitions"]!.AsArray().Select(d => $"{d!["agreementId"]} v{d["agreementVersion"]} {d["policyId"]} v{d["policyVersion"]}")
            .Should().BeEquivalentTo(AgreementIds.Values.Select(a => $"{a} v1 {PolicyId} v1"));
        Times.Should().Contain(t => t.BusinessSeconds < t.WallSeconds, "pauses and reopen gaps make business time shorter than wall time");
        Times.Count(t => t.Measure == "finalResolution").Should().BeLessThan(Times.Count(t => t.Measure == "firstResolution") + 1);
    }

    [Test]
    public async Task Breaches_ListEveryBreachOldestFirst_WithHowLate()
    {
        var expected = Data.Incidents.SelectMany(i => i.Evaluate(Now).Breaches)
            .OrderBy(b => b.BreachedAt).ToArray();

        var rows = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var body = await GetReportAsync($"/api/v1/reports/breaches?{Span}&page={page}&pageSize=50");
            body["totalItems"]!.GetValue<long>().Should().Be(expected.Length);
            body["header"]!["definitions"]!.AsArray().Select(d => d!["policyId"]!.GetValue<string>()).Should().NotBeEmpty().And.AllBe(PolicyId);
            var items = body["rows"]!.AsArray();
            rows.AddRange(items.Select(r => r!));
            if (items.Count < 50)
                break;
        }

        rows.Select(r => $"{r["externalId"]} {r["metric"]} {r["cycle"]} {r["breachedAt"]} late {r["lateSeconds"]}")
            .Should().BeEquivalentTo(expected.Select(b => $"{b.ExternalId} {b.Metric} {b.Cycle} {Utc(b.BreachedAt)} late {b.LateSeconds}"));
        rows.Select(r => DateTimeOffset.Parse(r["breachedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture)).Should().BeInAscendingOrder();
        rows.Should().Contain(r => r["stoppedAt"] == null, "clocks still running past their target are breached too");
    }

    [Test]
    public async Task Credits_ApplyEachRuleAndItsCap_ToTheBreachesOfTheMonth()
    {
        var report = await GetReportAsync("/api/v1/reports/credits?month=2026-10&timeZone=America/New_York");

        var from = new DateTimeOffset(2026, 10, 1, 4, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero);
        var rows = report["rows"]!.AsArray();
        rows.Should().HaveCount(4, "two agreements with two rules each");
        foreach (var customerId in CustomerIds)
        {
            var breaches = Outcomes.Where(o => o.CustomerId == customerId && o.Breached && !o.Excluded && o.SettledAt >= from && o.SettledAt < to).ToArray();
            var responseCredit = Math.Min(2m * breaches.Count(b => b.Metric == "response"), 10m) * 1500.50m / 100m;
            var resolutionCredit = Math.Min(5m * breaches.Count(b => b.Metric == "resolution"), 20m) * 1500.50m / 100m;
            var lines = rows.Where(r => r!["customerId"]!.GetValue<string>() == customerId).ToArray();
            lines.Select(l => l!["agreementId"]!.GetValue<string>()).Should().AllBe(AgreementIds[customerId]);
            lines.Single(l => l!["ruleMetric"]!.GetValue<string>() == "response")!["ruleCredit"]!.GetValue<decimal>()
                .Should().Be(Math.Round(responseCredit, 2, MidpointRounding.AwayFromZero));
            lines.Single(l => l!["ruleMetric"]!.GetValue<string>() == "resolution")!["ruleCredit"]!.GetValue<decimal>()
                .Should().Be(Math.Round(resolutionCredit, 2, MidpointRounding.AwayFromZero));
            lines[0]!["totalCredit"]!.GetValue<decimal>().Should().Be(Math.Round(responseCredit + resolutionCredit, 2, MidpointRounding.AwayFromZero));
            lines[0]!["responseBreaches"]!.GetValue<long>().Should().Be(breaches.Count(b => b.Metric == "response"));
            lines[0]!["resolutionBreaches"]!.GetValue<long>().Should().Be(breaches.Count(b => b.Metric == "resolution"));
            lines[0]!["updateBreaches"]!.GetValue<long>().Should().Be(breaches.Count(b => b.Metric == "update"));
            lines[0]!["currency"]!.GetValue<string>().Should().Be("USD");
        }
        rows.Should().Contain(r => r!["ruleCapApplied"]!.GetValue<bool>(), "October has enough response breaches to reach a cap");
    }

    [Test]
    public async Task Renewals_ListAgreementsEndingOrRenewingInTheWindow()
    {
        var report = await GetReportAsync("/api/v1/reports/renewals?withinDays=60");

        report["rows"]!.AsArray().Select(r => r!["agreementId"]!.GetValue<string>()).Should().BeEquivalentTo(AgreementIds.Values);
        report["rows"]![0]!["renewalDate"]!.GetValue<string>().Should().Be("2026-12-01");
        (await GetReportAsync("/api/v1/reports/renewals?withinDays=5"))["rows"]!.AsArray().Should().BeEmpty();
    }

    [TestCase("compliance?" + Span + "&groupBy=customer,period")]
    [TestCase("response-times?" + Span + "&groupBy=priority")]
    [TestCase("breaches?" + Span + "&pageSize=200")]
    [TestCase("credits?month=2026-10")]
    [TestCase("renewals?withinDays=60")]
    public async Task EveryReport_AnswersCsv_WithTheSameRowsAsJson(string report)
    {
        var json = await GetReportAsync("/api/v1/reports/" + report);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/" + report);
        request.Headers.Accept.ParseAdd("text/csv");

        var response = await Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        lines[^1].Should().BeEmpty("every record ends with CRLF");
        var rows = json["rows"]!.AsArray();
        lines.Length.Should().Be(rows.Count + 2, "one header line, one line per row");
        var header = lines[0].Split(',');
        header.Should().Equal(rows[0]!.AsObject().Select(p => p.Key));
        for (var i = 0; i < rows.Count; i++)
        {
            var values = rows[i]!.AsObject().Select(p => p.Value switch
            {
                null => "",
                JsonValue v when v.TryGetValue(out string? text) => text,
                var v => v.ToJsonString(),
            });
            lines[i + 1].Should().Be(string.Join(",", values));
        }
    }

    [TestCase("compliance?from=2026-10-01T00:00:00Z&to=2026-09-01T00:00:00Z", "to")]
    [TestCase("compliance?from=2020-01-01T00:00:00Z&to=2026-09-01T00:00:00Z", "to")]
    [TestCase("compliance?to=2026-09-01T00:00:00Z", "from")]
    [TestCase("compliance?" + Span + "&timeZone=Mars/Olympus_Mons", "timeZone")]
    [TestCase("compliance?" + Span + "&groupBy=customer,planet", "groupBy")]
    [TestCase("compliance?" + Span + "&groupBy=customer,customer", "groupBy")]
    [TestCase("compliance?" + Span + "&period=fortnight", "period")]
    [TestCase("compliance?from=yesterday&to=2026-09-01T00:00:00Z", "from")]
    [TestCase("response-times?" + Span + "&groupBy=week", "groupBy")]
    [TestCase("breaches?" + Span + "&groupBy=customer", "groupBy")]
    [TestCase("breaches?" + Span + "&pageSize=1000", "pageSize")]
    [TestCase("credits?month=2026-13", "month")]
    [TestCase("credits?month=October", "month")]
    [TestCase("credits", "month")]
    [TestCase("renewals?withinDays=0", "withinDays")]
    public async Task BadFilters_Answer400_NamingTheField(string report, string field) =>
        await (await Client.GetAsync("/api/v1/reports/" + report)).ShouldBeValidationProblemAsync(field);

    [Test]
    public async Task CustomerBoundKey_SeesOnlyItsCustomer_InEveryReport()
    {
        var own = CustomerIds[0];
        var client = ClientWithKey(await Factory.IssueKeyAsync([Scopes.ReportsRead], customerId: Guid.Parse(own)));

        var compliance = await ReadAsync(await client.GetAsync($"/api/v1/reports/compliance?{Span}&groupBy=customer"));
        compliance["rows"]!.AsArray().Select(r => r!["customerId"]!.GetValue<string>()).Should().Equal(own);
        var breaches = await ReadAsync(await client.GetAsync($"/api/v1/reports/breaches?{Span}&pageSize=200"));
        breaches["rows"]!.AsArray().Select(r => r!["customerId"]!.GetValue<string>()).Distinct().Should().Equal(own);
        var credits = await ReadAsync(await client.GetAsync("/api/v1/reports/credits?month=2026-10"));
        credits["rows"]!.AsArray().Select(r => r!["customerId"]!.GetValue<string>()).Distinct().Should().Equal(own);
        var renewals = await ReadAsync(await client.GetAsync("/api/v1/reports/renewals?withinDays=60"));
        renewals["rows"]!.AsArray().Select(r => r!["customerId"]!.GetValue<string>()).Should().Equal(own);
        var other = await ReadAsync(await client.GetAsync($"/api/v1/reports/compliance?{Span}&customerId={CustomerIds[1]}"));
        other["rows"]!.AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task ReportsNeedTheReportsReadScope()
    {
        var client = ClientWithKey(await Factory.IssueKeyAsync([Scopes.SlaRead]));

        (await client.GetAsync($"/api/v1/reports/compliance?{Span}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static (decimal Mean, long P50, long P90, long Max) Stats(IEnumerable<long> values)
    {
        var sorted = values.Order().ToArray();
        long Rank(double p) => sorted[(int)Math.Ceiling(p * sorted.Length) - 1];
        return (Math.Round(sorted.Sum() / (decimal)sorted.Length, 2), Rank(0.5), Rank(0.9), sorted[^1]);
    }

    private static string Line(string customer, string measure, int count, (decimal, long, long, long) business, (decimal, long, long, long) wall) =>
        $"{customer} {measure} n={count} business={business} wall={wall}";
}
