using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Incidents;

/// <summary>
/// The verdict rules of sla-semantics §3 and §7, each history worked out by hand and checked on every surface: the
/// incident, its cycles, the alerts feed, the breaches and compliance reports and the credits report.
/// The policy: P1 responds in 60 and resolves in 240 minutes on 24x7; P3 responds in 240 and resolves in 960 business
/// minutes on New York office hours (Mon–Fri 08:00–17:00; EDT, UTC−4, in October); thresholds 50, 75 and 90 %;
/// "waiting-customer" pauses. Credits: 10 % of the 1,000 USD fee per response breach, 5 % per resolution breach.
/// Each history is posted as it happens: the API's clock stands a second before each event, so the scheduler fires
/// what was due before it and nothing else.
/// </summary>
public sealed class VerdictRulesTests(TestEngine engine) : ApiTest(engine)
{
    private const string October = "from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z";
    private string _customerId = "";

    [SetUp]
    public async Task DefineTheAgreement()
    {
        var calendarId = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();
        var policyId = (await CreateAsync("/api/v1/policies", new Dictionary<string, object?>
        {
            ["name"] = "Verdicts",
            ["calendarId"] = calendarId,
            ["targets"] = new object[]
            {
                new { priority = 1, responseMinutes = 60, resolutionMinutes = 240, calendarId = Definitions.TwentyFourSeven },
                new { priority = 3, responseMinutes = 240, resolutionMinutes = 960 },
            },
            ["pauseStatuses"] = new[] { "waiting-customer" },
            ["warningThresholds"] = new[] { 50, 75, 90 },
        }))["id"]!.GetValue<string>();
        _customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerId, policyId)
            .With("monthlyFee", new { amount = 1000m, currency = "USD" })
            .With("creditRules", new object[]
            {
                new { metric = "response", percentOfMonthlyFeePerBreach = 10m, capPercent = 50m },
                new { metric = "resolution", percentOfMonthlyFeePerBreach = 5m, capPercent = 25m },
            }));
    }

    [Test]
    public async Task AnEscalationAfterATimelyResponse_LeavesTheResponseMet_AndBreachesTheResolutionRetroactively()
    {
        // P3 opened Monday 10:00 EDT, responded at 11:40 (met: 240 office minutes). Escalated to P1 at 20:00 EDT: the
        // response had stopped and keeps P3's target; the resolution (P3's 960 not reached) takes P1's 240 on 24x7 from
        // its start, so it breached at 14:00 EDT, before the change.
        var id = await ReplayAsync(3, "2026-10-05T14:00:00Z",
            ("responded", "2026-10-05T15:40:00Z", null, null),
            ("priority-changed", "2026-10-06T00:00:00Z", null, 1),
            ("resolved", "2026-10-06T14:00:00Z", null, null));

        var incident = await IncidentAsync(id);
        Fields(incident, "response", "state", "targetSeconds", "retroactive").Should().Be("met 14400 false");
        Fields(incident, "resolution", "state", "targetSeconds", "breachedAt", "retroactive").Should().Be("breached 14400 2026-10-05T18:00:00Z true");
        (await CyclesAsync(id)).Should().Equal("response 1 P3 met due=2026-10-05T18:00:00Z breached=", "resolution 1 P1 breached due=2026-10-05T18:00:00Z breached=2026-10-05T18:00:00Z retroactive");
        (await VerdictAlertsAsync(id, 2)).Should().Equal("clock.met response 2026-10-05T15:40:00Z", "clock.breached resolution 2026-10-05T18:00:00Z retroactive");
        (await BreachesAsync()).Should().Equal("resolution P1 2026-10-05T18:00:00Z late=72000 retroactive");
        (await ComplianceAsync()).Should().BeEquivalentTo("P1 resolution met=0 breached=1", "P3 response met=1 breached=0");
        (await CreditsAsync()).Should().Be("response 0, resolution 1: 50");
    }

    [Test]
    public async Task ADowngradeAfterABreach_LeavesTheBreachAsItWas()
    {
        // P1 opened 14:00Z, responded 14:30Z; the resolution was due at 18:00Z. Lowered to P3 at 19:00Z and resolved at
        // 22:20Z: P3's 960 office minutes would not be reached, but the breach at 18:00Z stands.
        var id = await ReplayAsync(1, "2026-10-06T14:00:00Z",
            ("responded", "2026-10-06T14:30:00Z", null, null),
            ("priority-changed", "2026-10-06T19:00:00Z", null, 3),
            ("resolved", "2026-10-06T22:20:00Z", null, null));

        var incident = await IncidentAsync(id);
        incident["priority"]!.GetValue<int>().Should().Be(3);
        Fields(incident, "resolution", "state", "targetSeconds", "breachedAt", "retroactive").Should().Be("breached 14400 2026-10-06T18:00:00Z false");
        (await CyclesAsync(id)).Should().Equal(
            "response 1 P1 met due=2026-10-06T15:00:00Z breached=", "resolution 1 P1 breached due=2026-10-06T18:00:00Z breached=2026-10-06T18:00:00Z");
        (await VerdictAlertsAsync(id, 2)).Should().Equal("clock.met response 2026-10-06T14:30:00Z", "clock.breached resolution 2026-10-06T18:00:00Z");
        (await BreachesAsync()).Should().Equal("resolution P1 2026-10-06T18:00:00Z late=15600");
        (await ComplianceAsync()).Should().BeEquivalentTo("P1 response met=1 breached=0", "P1 resolution met=0 breached=1");
        (await CreditsAsync()).Should().Be("response 0, resolution 1: 50");
    }

    [Test]
    public async Task ARetroactiveBreach_IsJudgedOnThePreviousTargetsCalendar()
    {
        // P3 opened Wednesday 15:00 EDT; escalated Thursday 07:00 EDT, office closed. On office hours only 15:00–17:00
        // had counted, 120 of P3's 240 response minutes: not exceeded. P1 on 24x7 was due at 16:00 EDT (response) and
        // 19:00 EDT (resolution) on Wednesday: both breached retroactively.
        var id = await ReplayAsync(3, "2026-10-07T19:00:00Z",
            ("priority-changed", "2026-10-08T11:00:00Z", null, 1),
            ("responded", "2026-10-08T11:10:00Z", null, null),
            ("resolved", "2026-10-08T12:00:00Z", null, null));

        var incident = await IncidentAsync(id);
        Fields(incident, "response", "state", "calendarId", "breachedAt", "retroactive")
            .Should().Be($"breached {Definitions.TwentyFourSeven} 2026-10-07T20:00:00Z true");
        Fields(incident, "resolution", "state", "breachedAt", "retroactive").Should().Be("breached 2026-10-07T23:00:00Z true");
        (await CyclesAsync(id)).Should().Equal(
            "response 1 P1 breached due=2026-10-07T20:00:00Z breached=2026-10-07T20:00:00Z retroactive",
            "resolution 1 P1 breached due=2026-10-07T23:00:00Z breached=2026-10-07T23:00:00Z retroactive");
        (await VerdictAlertsAsync(id, 2)).Should().Equal(
            "clock.breached response 2026-10-07T20:00:00Z retroactive", "clock.breached resolution 2026-10-07T23:00:00Z retroactive");
        (await ComplianceAsync()).Should().BeEquivalentTo("P1 response met=0 breached=1", "P1 resolution met=0 breached=1");
        (await BreachesAsync()).Should().Equal(
            "response P1 2026-10-07T20:00:00Z late=54600 retroactive", "resolution P1 2026-10-07T23:00:00Z late=46800 retroactive");
        (await CreditsAsync()).Should().Be("response 1, resolution 1: 150");
    }

    [Test]
    public async Task ATargetReachedAtClosing_AndAnsweredAfterIt_IsBreachedAtClosing_BeforeAndAfterTheAnswer()
    {
        // P3 opened Thursday 13:00 EDT: its 240 office minutes end at 17:00 EDT closing (21:00Z). From then on, before
        // anyone answers, the clock reads breached; answered at 17:30 EDT it stays breached with no business time late.
        var opened = await OpenAtAsync(3, "2026-10-08T17:00:00Z");
        await AdvanceToAsync("2026-10-08T21:15:00Z");
        Fields(await IncidentAsync(opened), "response", "state", "breachedAt").Should().Be("breached 2026-10-08T21:00:00Z", "running after its due instant");
        await PostInTimeAsync(opened, ("responded", "2026-10-08T21:30:00Z", null, null));
        await PostInTimeAsync(opened, ("resolved", "2026-10-09T13:00:00Z", null, null));
        await AdvanceToAsync(Now.ToString("O"));

        var incident = await IncidentAsync(opened);
        Fields(incident, "response", "state", "breachedAt", "elapsedSeconds").Should().Be("breached 2026-10-08T21:00:00Z 14400");
        Fields(incident, "resolution", "state", "elapsedSeconds").Should().Be("met 18000", "13:00–17:00 and 08:00–09:00 counted");
        // The resolution's 960 office minutes: 240 on Thursday, 540 on Friday, 180 on Monday: due Monday 11:00 EDT.
        (await CyclesAsync(opened)).Should().Equal(
            "response 1 P3 breached due=2026-10-08T21:00:00Z breached=2026-10-08T21:00:00Z", "resolution 1 P3 met due=2026-10-12T15:00:00Z breached=");
        (await VerdictAlertsAsync(opened, 2)).Should().Equal("clock.breached response 2026-10-08T21:00:00Z", "clock.met resolution 2026-10-09T13:00:00Z");
        (await BreachesAsync()).Should().Equal("response P3 2026-10-08T21:00:00Z late=0");
        (await ComplianceAsync()).Should().BeEquivalentTo("P3 resolution met=1 breached=0", "P3 response met=0 breached=1");
        (await CreditsAsync()).Should().Be("response 1, resolution 0: 100");
    }

    [Test]
    public async Task AThresholdReachedExactlyAtTheStop_IsNotCrossed_AndRaisesNoAlert()
    {
        // P1 response 60: 50 % at 14:30Z, 75 % at 14:45Z, when the response came.
        var id = await ReplayAsync(1, "2026-10-09T14:00:00Z",
            ("responded", "2026-10-09T14:45:00Z", null, null),
            ("resolved", "2026-10-09T15:00:00Z", null, null));

        var response = Clock(await IncidentAsync(id), "response");
        response["thresholdsCrossed"]!.AsArray().Select(t => t!.GetValue<int>()).Should().Equal(50);
        response["atRisk"]!.GetValue<bool>().Should().BeFalse();
        (await AlertsOfAsync(id, 3)).Select(a => $"{a["type"]} {a["metric"]} {a["threshold"]} {a["occurredAt"]}").Should().Equal(
            "clock.threshold-reached response 50 2026-10-09T14:30:00Z",
            "clock.met response  2026-10-09T14:45:00Z",
            "clock.met resolution  2026-10-09T15:00:00Z");
        (await CyclesAsync(id)).Should().Equal("response 1 P1 met due=2026-10-09T15:00:00Z breached=", "resolution 1 P1 met due=2026-10-09T18:00:00Z breached=");
        (await BreachesAsync()).Should().BeEmpty();
        (await ComplianceAsync()).Should().BeEquivalentTo("P1 response met=1 breached=0", "P1 resolution met=1 breached=0");
        (await CreditsAsync()).Should().Be("response 0, resolution 0: 0");
    }

    [Test]
    public async Task AClockPausedAtItsTarget_BreachesWhenItResumes()
    {
        // P1 resolution 240 on 24x7: waiting on the customer from 18:00Z, when elapsed equals the target, to 20:00Z. Paused
        // it is not running and has not breached; it breaches as it resumes, at 20:00Z, and is resolved 40 minutes late.
        var id = await OpenAtAsync(1, "2026-10-12T14:00:00Z");
        await PostInTimeAsync(id, ("responded", "2026-10-12T14:10:00Z", null, null));
        await PostInTimeAsync(id, ("status-changed", "2026-10-12T18:00:00Z", "waiting-customer", null));
        await AdvanceToAsync("2026-10-12T19:00:00Z");
        Fields(await IncidentAsync(id), "resolution", "state", "breachedAt", "dueAt").Should().Be("paused  ", "paused at its target, it has not breached");
        await PostInTimeAsync(id, ("status-changed", "2026-10-12T20:00:00Z", "in-progress", null));
        await PostInTimeAsync(id, ("resolved", "2026-10-12T20:40:00Z", null, null));
        await AdvanceToAsync(Now.ToString("O"));

        Fields(await IncidentAsync(id), "resolution", "state", "breachedAt").Should().Be("breached 2026-10-12T20:00:00Z");
        (await CyclesAsync(id)).Should().Contain("resolution 1 P1 breached due=2026-10-12T20:00:00Z breached=2026-10-12T20:00:00Z");
        (await VerdictAlertsAsync(id, 2)).Should().Equal("clock.met response 2026-10-12T14:10:00Z", "clock.breached resolution 2026-10-12T20:00:00Z");
        (await BreachesAsync()).Should().Equal("resolution P1 2026-10-12T20:00:00Z late=2400");
        (await ComplianceAsync()).Should().BeEquivalentTo("P1 response met=1 breached=0", "P1 resolution met=0 breached=1");
        (await CreditsAsync()).Should().Be("response 0, resolution 1: 50");
    }

    [Test]
    public async Task ACustomerKey_SeesOnlyItsOwnIncidentsCycles()
    {
        var id = await ReplayAsync(1, "2026-10-09T14:00:00Z", ("responded", "2026-10-09T14:10:00Z", null, null));
        var other = (await CreateAsync("/api/v1/customers", Definitions.Customer("Other", id: "999")))["id"]!.GetValue<string>();

        using var own = ClientWithKey(await Factory.IssueKeyAsync([SlaApi.Domain.Access.Scopes.SlaRead], Guid.Parse(_customerId)));
        using var stranger = ClientWithKey(await Factory.IssueKeyAsync([SlaApi.Domain.Access.Scopes.SlaRead], Guid.Parse(other)));

        (await own.GetAsync($"/api/v1/incidents/{id}/cycles")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        await (await stranger.GetAsync($"/api/v1/incidents/{id}/cycles")).ShouldBeProblemAsync(System.Net.HttpStatusCode.NotFound);
    }

    private async Task<string> OpenAtAsync(int priority, string openedAt)
    {
        Time.AdjustTime(DateTimeOffset.Parse(openedAt, System.Globalization.CultureInfo.InvariantCulture));
        var body = Definitions.Incident(_customerId, "T-1", openedAt).With("priority", priority);
        return (await CreateAsync("/api/v1/incidents", body))["id"]!.GetValue<string>();
    }

    /// <summary>Opens the incident at its opening and posts each event a second before it happens, then moves to <see cref="ApiTest.Now"/>.</summary>
    private async Task<string> ReplayAsync(int priority, string openedAt, params (string Type, string At, string? Status, int? Priority)[] events)
    {
        var id = await OpenAtAsync(priority, openedAt);
        foreach (var e in events)
            await PostInTimeAsync(id, e);
        await AdvanceToAsync(Now.ToString("O"));
        return id;
    }

    private async Task PostInTimeAsync(string id, (string Type, string At, string? Status, int? Priority) e)
    {
        await AdvanceToAsync(e.At, TimeSpan.FromSeconds(-1));
        var response = await PostAsync($"/api/v1/incidents/{id}/events",
            Definitions.Event($"{e.Type}-{e.At}", e.Type, e.At, status: e.Status, priority: e.Priority));
        if (!response.IsSuccessStatusCode)
            Assert.Fail($"The event answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Moves the API's clock forward to the instant, firing its timers, and gives the scheduler a moment to fire what is due.</summary>
    private async Task AdvanceToAsync(string instant, TimeSpan offset = default)
    {
        var target = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture) + offset;
        if (target > Time.GetUtcNow())
            Time.Advance(target - Time.GetUtcNow());
        await Task.Delay(100);
    }

    private async Task<JsonNode> IncidentAsync(string id) => await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}"));

    private static JsonNode Clock(JsonNode incident, string metric) =>
        incident["clocks"]!.AsArray().Single(c => c!["metric"]!.GetValue<string>() == metric)!;

    /// <summary>The named fields of the incident's clock of <paramref name="metric"/>, space-separated (empty for null).</summary>
    private static string Fields(JsonNode incident, string metric, params string[] names)
    {
        var clock = Clock(incident, metric);
        return string.Join(" ", names.Select(n => clock[n]?.ToString() ?? ""));
    }

    private async Task<string[]> CyclesAsync(string id) =>
        (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}/cycles")))["cycles"]!.AsArray().Select(c =>
            $"{c!["metric"]} {c["cycle"]} P{c["priority"]} {c["state"]} due={c["dueAt"]} breached={c["breachedAt"]}" +
            (c["retroactive"]!.GetValue<bool>() ? " retroactive" : "")).ToArray();

    /// <summary>The incident's alerts once the feed holds at least <paramref name="expected"/> of them, waiting up to ten seconds.</summary>
    private async Task<JsonNode[]> AlertsOfAsync(string id, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var items = (await ReadAsync(await Client.GetAsync("/api/v1/alerts?limit=500")))["items"]!.AsArray()
                .Where(a => a!["incidentId"]?.GetValue<string>() == id).Select(a => a!).ToArray();
            if (items.Length >= expected || DateTime.UtcNow > deadline)
            {
                await Task.Delay(300);
                return (await ReadAsync(await Client.GetAsync("/api/v1/alerts?limit=500")))["items"]!.AsArray()
                    .Where(a => a!["incidentId"]?.GetValue<string>() == id).Select(a => a!).ToArray();
            }
            await Task.Delay(20);
        }
    }

    private async Task<string[]> VerdictAlertsAsync(string id, int expected) =>
        (await AlertsOfAsync(id, expected))
            .Where(a => a["type"]!.GetValue<string>() is "clock.breached" or "clock.met")
            .OrderBy(a => a["occurredAt"]!.GetValue<DateTimeOffset>())
            .Select(a => $"{a["type"]} {a["metric"]} {a["occurredAt"]}" + (a["retroactive"]!.GetValue<bool>() ? " retroactive" : ""))
            .ToArray();

    private async Task<string[]> BreachesAsync() =>
        (await ReadAsync(await Client.GetAsync($"/api/v1/reports/breaches?{October}&pageSize=200")))["rows"]!.AsArray()
            .Select(r => $"{r!["metric"]} P{r["priority"]} {r["breachedAt"]} late={r["lateSeconds"]}" + (r["retroactive"]!.GetValue<bool>() ? " retroactive" : ""))
            .ToArray();

    private async Task<string[]> ComplianceAsync() =>
        (await ReadAsync(await Client.GetAsync($"/api/v1/reports/compliance?{October}&groupBy=priority,metric")))["rows"]!.AsArray()
            .Select(r => $"P{r!["priority"]} {r["metric"]} met={r["met"]} breached={r["breached"]}").ToArray();

    private async Task<string> CreditsAsync()
    {
        var rows = (await ReadAsync(await Client.GetAsync("/api/v1/reports/credits?month=2026-10")))["rows"]!.AsArray();
        var row = rows.First()!;
        return $"response {row["responseBreaches"]}, resolution {row["resolutionBreaches"]}: {row["totalCredit"]!.GetValue<decimal>():0.##}";
    }
}
