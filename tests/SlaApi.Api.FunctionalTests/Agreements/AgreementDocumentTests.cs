using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Agreements;

/// <summary>The SLA document is read back and compared with the definitions it was written from.</summary>
public sealed partial class AgreementDocumentTests(TestEngine engine) : ApiTest(engine)
{
    private static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private string _calendarId = "";
    private string _policyId = "";
    private string _customerId = "";
    private string _agreementId = "";

    [SetUp]
    public async Task DefineAgreement()
    {
        _calendarId = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()
            .With("week", new Dictionary<string, object>
            {
                ["monday"] = Definitions.Hours("08:00", "17:00"),
                ["wednesday"] = new object[] { new { start = "08:00", end = "12:00" }, new { start = "13:00", end = "18:30" } },
                ["friday"] = Definitions.Hours("22:00", "06:00"),
            })))["id"]!.GetValue<string>();
        _policyId = (await CreateAsync("/api/v1/policies", Definitions.Policy(_calendarId)
            .With("targets", new object[]
            {
                new { priority = 1, responseMinutes = 15, resolutionMinutes = 240, calendarId = Definitions.TwentyFourSeven },
                new { priority = 3, responseMinutes = 60, resolutionMinutes = 480, updateMinutes = 120 },
            })))["id"]!.GetValue<string>();
        _customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
        _agreementId = (await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerId, _policyId)
            .With("creditRules", new object[]
            {
                new { metric = "response", percentOfMonthlyFeePerBreach = 5m, capPercent = 20m },
                new { metric = "resolution", kind = "compliance-tier", tiers = new[] { new { belowPercent = 99m, creditPercent = 5m }, new { belowPercent = 95m, creditPercent = 10m } } },
                new { metric = "update", kind = "amount-per-breach", amountPerBreach = 25m, capAmount = 100m },
            })
            .With("creditCapPercent", 30m)
            .With("exclusions", new[] { "Hardware failures <script>alert(1)</script>", "Third-party | line outages" })
            .With("customerResponsibilities", new[] { "Keep a named contact reachable during incidents" })
            .With("escalationContacts", new[] { new { level = 2, name = "Sam Ortiz", role = "Service manager", email = "sam@example.com" }, new { level = 1, name = "Dana Lee", role = "Service desk lead", email = "dana@example.com" } })
            .With("paymentFrequency", "quarterly").With("paymentDueDays", 30).With("paymentMethod", "direct debit")))["id"]!.GetValue<string>();
    }

    [Test]
    public async Task TheDocument_StatesTheHoursAndTargetsOfTheDefinitions()
    {
        var document = await MarkdownAsync($"/api/v1/agreements/{_agreementId}/document");
        var calendar = await ReadAsync(await Client.GetAsync($"/api/v1/calendars/{_calendarId}"));
        var policy = await ReadAsync(await Client.GetAsync($"/api/v1/policies/{_policyId}"));

        var hours = Table(document, "**Office hours New York**");
        foreach (var day in Days)
        {
            var defined = calendar["week"]![day]?.AsArray().Select(i => $"{i!["start"]}–{i["end"]}").ToArray() ?? [];
            var stated = hours[Capitalised(day)];
            if (defined.Length == 0)
                stated.Should().Be("closed");
            else
                stated.Replace(" (next day)", "").Split(", ").Should().Equal(defined, $"{day}'s hours");
        }
        hours["Friday"].Should().EndWith("(next day)", "22:00–06:00 runs into Saturday");
        Table(document, "**24x7**").Values.Should().AllBe("00:00–24:00");

        var targets = Table(document, "| Priority |", keyColumn: 0);
        targets.Keys.Should().Equal(policy["targets"]!.AsArray().Select(t => $"P{t!["priority"]}"));
        foreach (var target in policy["targets"]!.AsArray())
        {
            var cells = Row(document, $"| P{target!["priority"]} |");
            FirstNumber(cells[1]).Should().Be(target["responseMinutes"]!.GetValue<int>());
            FirstNumber(cells[2]).Should().Be(target["resolutionMinutes"]!.GetValue<int>());
            (target["updateMinutes"] is { } update ? FirstNumber(cells[3]) : (int?)null).Should().Be(target["updateMinutes"]?.GetValue<int>());
            cells[4].Should().Be(target["calendarId"] is null ? "Office hours New York" : "24x7");
        }
    }

    [Test]
    public async Task TheDocument_StatesTheTermsMoneyClausesAndWorkedCredits()
    {
        var document = await MarkdownAsync($"/api/v1/agreements/{_agreementId}/document");

        document.Should().Contain("- Customer: Acme (");
        document.Should().Contain("- Starts: 1 January 2026 00:00 (UTC).").And.Contain("- Ends: 1 January 2027 00:00 (UTC)").And.Contain("- Renewal date: 1 December 2026.");
        document.Should().Contain("- Monthly fee: 1,500.50 USD.").And.Contain("- Invoiced quarterly; payment is due 30 days after the invoice, by direct debit.");
        document.Should().Contain("- `managed-workstations`");
        document.Should().Contain(@"- Hardware failures \<script\>alert(1)\</script\>").And.Contain(@"- Third-party \| line outages");
        document.Should().Contain("- Keep a named contact reachable during incidents");
        document.Should().Contain("- 25 December 2026: Christmas Day").And.NotContain("New Year's Day", "1 January 2027 is after the term");
        document.Should().Contain("status is `waiting-customer`").And.Contain("within 10,080 minutes (7 days)");
        document.Should().Contain("2 breaches in a month earn 150.05 USD", "2 × 5 % of 1,500.50 = 150.05");
        document.Should().Contain("below 99 % earns 5 % (75.03 USD); below 95 % earns 10 % (150.05 USD)", "5 % of 1,500.50 = 75.025, rounded half away from zero");
        document.Should().Contain("Each breached update earns 25.00 USD, at most 100.00 USD a month. For example, 2 breaches in a month earn 50.00 USD.");
        document.Should().Contain("at most 30 % of the monthly charge");
        document.Should().Contain("met when it stops at or before that moment and breached once it runs or stops after it",
            "the document states the verdict rule the engine applies (sla-semantics §3)");
        document.Should().Contain("a clock that has already stopped or breached keeps its target and its verdict");
        Row(document, "| 1 |").Should().Equal("1", "Dana Lee", "Service desk lead", "dana@example.com", "");
        document.IndexOf("Dana Lee", StringComparison.Ordinal).Should().BeLessThan(document.IndexOf("Sam Ortiz", StringComparison.Ordinal), "contacts are listed by level");
    }

    [Test]
    public async Task AsHtml_TheDocumentIsAPageWithTables_AndTypedTextStaysText()
    {
        var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agreements/{_agreementId}/document")
        {
            Headers = { { "Accept", "text/html,application/xhtml+xml,*/*;q=0.8" } },
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().StartWith("<!DOCTYPE html>").And.Contain("<title>Service level agreement: Managed workstations 2026</title>");
        html.Should().Contain("<table>").And.Contain("<td>Friday</td>");
        html.Should().Contain("Hardware failures &lt;script&gt;alert(1)&lt;/script&gt;").And.NotContain("<script>");
    }

    [Test]
    public async Task AVersionsDocument_IsWrittenFromTheDefinitionsInForceWhenItTookEffect()
    {
        Time.Advance(TimeSpan.FromDays(1));
        await ReviseAsync($"/api/v1/policies/{_policyId}", Definitions.Policy(_calendarId)
            .With("targets", new object[] { new { priority = 1, responseMinutes = 10, resolutionMinutes = 200, calendarId = Definitions.TwentyFourSeven } }));
        Time.Advance(TimeSpan.FromDays(1));
        await ReviseAsync($"/api/v1/agreements/{_agreementId}", Definitions.Agreement(_customerId, _policyId).With("monthlyFee", new { amount = 1800m, currency = "USD" }));

        var first = await MarkdownAsync($"/api/v1/agreements/{_agreementId}/versions/1/document");
        var latest = await MarkdownAsync($"/api/v1/agreements/{_agreementId}/document");

        first.Should().Contain("version 1, in force from 25 November 2026 12:00 (UTC), under policy \"Gold\" version 1").And.Contain("- Monthly fee: 1,500.50 USD.");
        FirstNumber(Row(first, "| P1 |")[1]).Should().Be(15);
        latest.Should().Contain("version 2, in force from 27 November 2026 12:00 (UTC), under policy \"Gold\" version 2").And.Contain("- Monthly fee: 1,800.00 USD.");
        FirstNumber(Row(latest, "| P1 |")[1]).Should().Be(10);
        latest.Should().NotContain("| P3 |", "the revised policy has no P3 target");
    }

    [Test]
    public async Task NeitherMarkdownNorHtmlAccepted_Is406ProblemJson_AndAnotherCustomersKeyFindsNothing()
    {
        var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agreements/{_agreementId}/document")
        {
            Headers = { { "Accept", "application/json" } },
        });
        await response.ShouldBeProblemAsync(HttpStatusCode.NotAcceptable);

        var other = (await CreateAsync("/api/v1/customers", Definitions.Customer("Globex", "connectwise", "999")))["id"]!.GetValue<string>();
        using var bound = ClientWithKey(await Factory.IssueKeyAsync([Scopes.SlaRead], Guid.Parse(other)));
        (await bound.GetAsync($"/api/v1/agreements/{_agreementId}/document")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await bound.GetAsync($"/api/v1/agreements/{_agreementId}/versions/7/document")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task<string> MarkdownAsync(string url)
    {
        var response = await Client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/markdown");
        return await response.Content.ReadAsStringAsync();
    }

    private async Task ReviseAsync(string url, object body)
    {
        var current = await Client.GetAsync(url);
        var response = await PutAsync(url, body, current.Headers.ETag!.Tag);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The table that follows the line starting with <paramref name="heading"/>: first (or key) column to the second.</summary>
    private static Dictionary<string, string> Table(string document, string heading, int keyColumn = 0)
    {
        var lines = document.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith(heading, StringComparison.Ordinal));
        start.Should().BeGreaterThanOrEqualTo(0, $"the document has '{heading}'");
        var rows = lines.Skip(start).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2);
        return rows.Select(Cells).ToDictionary(c => c[keyColumn], c => c[1]);
    }

    private static string[] Row(string document, string start) => Cells(document.Split('\n').Single(l => l.StartsWith(start, StringComparison.Ordinal)));

    private static string[] Cells(string row) => row.Trim('|').Split(" | ").Select(c => c.Trim().Trim('|').Trim()).ToArray();

    private static int FirstNumber(string text) => int.Parse(Number().Match(text).Value.Replace(",", ""));

    private static string Capitalised(string day) => char.ToUpperInvariant(day[0]) + day[1..];

    [GeneratedRegex(@"\d[\d,]*")]
    private static partial Regex Number();
}
