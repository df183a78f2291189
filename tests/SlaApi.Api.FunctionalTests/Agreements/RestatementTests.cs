using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Agreements;

/// <summary>
/// An office-hours calendar (weekdays 09:00–17:00 UTC) that forgot a holiday on Monday 2 November 2026; a policy on it
/// (P1: response 30, resolution 240 business minutes) and an agreement of 1,000 USD owing 10 % per response breach.
/// X opened that Monday at 10:00 and was answered at 11:00 (60 minutes: breached); Y, on Tuesday, in 10 minutes.
/// </summary>
public sealed class RestatementTests(TestEngine engine) : ApiTest(engine)
{
    private const string Compliance = "/api/v1/reports/compliance?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=metric";
    private const string Credits = "/api/v1/reports/credits?month=2026-11";

    private string _calendarId = "";
    private string _agreementId = "";
    private string _x = "";

    [SetUp]
    public async Task PostNovember()
    {
        _calendarId = (await CreateAsync("/api/v1/calendars", Calendar(holidays: [])))["id"]!.GetValue<string>();
        var policyId = (await CreateAsync("/api/v1/policies", new Dictionary<string, object?>
        {
            ["name"] = "Office hours",
            ["calendarId"] = _calendarId,
            ["targets"] = new[] { new { priority = 1, responseMinutes = 30, resolutionMinutes = 240 } },
        }))["id"]!.GetValue<string>();
        var customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
        _agreementId = (await CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, policyId)
            .With("monthlyFee", new { amount = 1000m, currency = "USD" })
            .With("creditRules", new[] { new { metric = "response", percentOfMonthlyFeePerBreach = 10m, capPercent = 50m } })))["id"]!.GetValue<string>();
        _x = await IncidentAsync(customerId, "X", new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero), responseMinutes: 60);
        await IncidentAsync(customerId, "Y", new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero), responseMinutes: 10);
    }

    [Test]
    public async Task ARestatementUnderACorrectedCalendar_ChangesTheFiguresAndSaysSo_AndItsRevertRestoresThemExactly()
    {
        var compliance = await ReadAsync(await Client.GetAsync(Compliance));
        var credits = await ReadAsync(await Client.GetAsync(Credits));
        Row(compliance, "response")["breached"]!.GetValue<long>().Should().Be(1);
        credits["rows"]![0]!["totalCredit"]!.GetValue<decimal>().Should().Be(100m);
        await ReviseCalendarAsync();

        var restatement = await CreateAsync($"/api/v1/agreements/{_agreementId}/restatements", new
        {
            from = "2026-11-01T00:00:00Z", to = "2026-12-01T00:00:00Z", reason = "Holiday calendar corrected: 2 November was a public holiday",
        });

        (restatement["incidents"]!.GetValue<int>(), restatement["outcomesChanged"]!.GetValue<int>()).Should().Be((2, 1));
        (restatement["breachesBefore"]!.GetValue<long>(), restatement["breachesAfter"]!.GetValue<long>()).Should().Be((1L, 0L));
        var x = await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{_x}"));
        x["sla"]!["calendars"]![0]!["version"]!.GetValue<int>().Should().Be(2);
        x["clocks"]!.AsArray().Single(c => c!["metric"]!.GetValue<string>() == "response")!["state"]!.GetValue<string>()
            .Should().Be("met", "on the holiday the clock had not started when X was answered");
        var restatedCompliance = await ReadAsync(await Client.GetAsync(Compliance));
        Row(restatedCompliance, "response")["breached"]!.GetValue<long>().Should().Be(0);
        restatedCompliance["header"]!["restatements"]!.AsArray().Single()!["id"]!.GetValue<string>().Should().Be(restatement["id"]!.GetValue<string>());
        var restatedCredits = await ReadAsync(await Client.GetAsync(Credits));
        restatedCredits["rows"]![0]!["totalCredit"]!.GetValue<decimal>().Should().Be(0m);
        restatedCredits["restatements"]!.AsArray().Should().ContainSingle();
        var changed = (await ReadAsync(await Client.GetAsync($"/api/v1/restatements/{restatement["id"]}/incidents")))["items"]!.AsArray()
            .Single(i => i!["outcomeChanged"]!.GetValue<bool>())!;
        changed["incidentId"]!.GetValue<string>().Should().Be(_x);
        changed["breachedBefore"]!.AsArray().Select(b => b!.GetValue<string>()).Should().Equal("response:1");
        changed["breachedAfter"]!.AsArray().Should().BeEmpty();
        changed["before"]!["calendars"]![0]!["version"]!.GetValue<int>().Should().Be(1);

        var reverted = await ReadAsync(await PostAsync($"/api/v1/restatements/{restatement["id"]}/revert", new { }));

        reverted["active"]!.GetValue<bool>().Should().BeFalse();
        reverted["revertedAt"]!.GetValue<DateTimeOffset>().Should().Be(Now);
        var afterRevert = await ReadAsync(await Client.GetAsync(Compliance));
        afterRevert["rows"]!.ToJsonString().Should().Be(compliance["rows"]!.ToJsonString(), "every figure is restored exactly");
        afterRevert["header"]!["restatements"]!.AsArray().Should().BeEmpty();
        (await ReadAsync(await Client.GetAsync(Credits)))["rows"]!.ToJsonString().Should().Be(credits["rows"]!.ToJsonString());
        (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{_x}")))["sla"]!["calendars"]![0]!["version"]!.GetValue<int>().Should().Be(1);
        var again = await PostAsync($"/api/v1/restatements/{restatement["id"]}/revert", new { });
        (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict))["code"]!.GetValue<string>().Should().Be("restatement.already-reverted");
    }

    [Test]
    public async Task EventsAfterARestatement_ReplayUnderTheRestatedBinding()
    {
        await ReviseCalendarAsync();
        await CreateAsync($"/api/v1/agreements/{_agreementId}/restatements", new { from = "2026-11-01T00:00:00Z", to = "2026-12-01T00:00:00Z", reason = "Corrected" });

        (await PostAsync($"/api/v1/incidents/{_x}/events", Definitions.Event("u", "updated", "2026-11-03T10:00:00Z"))).EnsureSuccessStatusCode();

        var x = await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{_x}"));
        x["sla"]!["calendars"]![0]!["version"]!.GetValue<int>().Should().Be(2, "the writer does not replay a copy it held from before the restatement");
        Row(await ReadAsync(await Client.GetAsync(Compliance)), "response")["breached"]!.GetValue<long>().Should().Be(0);
    }

    [Test]
    public async Task OnlyTheLatestRestatement_CanBeReverted_AndATooLongPeriodIsRefused()
    {
        var first = await CreateAsync($"/api/v1/agreements/{_agreementId}/restatements", new { from = "2026-11-01T00:00:00Z", to = "2026-12-01T00:00:00Z", reason = "First" });
        var second = await CreateAsync($"/api/v1/agreements/{_agreementId}/restatements", new { from = "2026-11-01T00:00:00Z", to = "2026-12-01T00:00:00Z", reason = "Second" });

        var refused = await PostAsync($"/api/v1/restatements/{first["id"]}/revert", new { });

        (await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict))["latestRestatementId"]!.GetValue<string>().Should().Be(second["id"]!.GetValue<string>());
        (await ReadAsync(await Client.GetAsync($"/api/v1/agreements/{_agreementId}/restatements"))).AsArray()
            .Select(r => r!["reason"]!.GetValue<string>()).Should().Equal("Second", "First");
        await (await PostAsync($"/api/v1/agreements/{_agreementId}/restatements", new { from = "2026-11-01T00:00:00Z", to = "2030-11-01T00:00:00Z", reason = "r" }))
            .ShouldBeValidationProblemAsync("to");
    }

    private static Dictionary<string, object?> Calendar(object[] holidays) => new()
    {
        ["name"] = "Office",
        ["timeZone"] = "UTC",
        ["week"] = new Dictionary<string, object>
        {
            ["monday"] = Definitions.Hours("09:00", "17:00"), ["tuesday"] = Definitions.Hours("09:00", "17:00"), ["wednesday"] = Definitions.Hours("09:00", "17:00"),
            ["thursday"] = Definitions.Hours("09:00", "17:00"), ["friday"] = Definitions.Hours("09:00", "17:00"),
        },
        ["holidays"] = holidays,
    };

    private async Task ReviseCalendarAsync()
    {
        var current = await Client.GetAsync($"/api/v1/calendars/{_calendarId}");
        var revised = await PutAsync($"/api/v1/calendars/{_calendarId}", Calendar([new { date = "2026-11-02", name = "Public holiday" }]), current.Headers.ETag!.Tag);
        revised.StatusCode.Should().Be(HttpStatusCode.OK, await revised.Content.ReadAsStringAsync());
    }

    private Task<string> IncidentAsync(string customerId, string externalId, DateTimeOffset openedAt, int responseMinutes) =>
        OpenAnsweredAsync(Definitions.Incident(customerId, externalId, openedAt.ToString("O")), responseMinutes, resolutionMinutes: 120);

    private static JsonNode Row(JsonNode report, string metric) =>
        report["rows"]!.AsArray().Single(r => r!["metric"]!.GetValue<string>() == metric)!;
}
