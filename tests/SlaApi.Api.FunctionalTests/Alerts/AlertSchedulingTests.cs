using System.Net.Http.Json;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Alerts;

/// <summary>When each alert fires, worked out by hand on the office-hours policy of <see cref="AlertTest"/>.</summary>
public sealed class AlertSchedulingTests(TestEngine engine) : AlertTest(engine)
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 28, 0, 0, 0, TimeSpan.Zero);

    private static IEnumerable<string> Of(IEnumerable<System.Text.Json.Nodes.JsonNode> alerts, string metric) =>
        alerts.Where(a => a["metric"]?.GetValue<string>() == metric).Select(Describe);

    [Test]
    public async Task Thresholds_FireAtTheirBusinessInstants_AcrossTheHolidayAndTheWeekend()
    {
        await OpenOnChristmasEveAsync();

        // Response 600 business minutes: two hours on Thursday, none on Christmas Day or the weekend, then Monday from
        // 08:00 EST (13:00Z). 50 % (300 min) is Monday 11:00 EST, 75 % 13:30, 90 % 15:00, 100 % 16:00.
        (await AdvanceToAsync(Monday.AddHours(15).AddMinutes(59), 0)).Should().BeEmpty("nothing is due before Monday 15:59Z");
        Of(await AdvanceToAsync(Monday.AddHours(16), 1), "response").Should().Equal("clock.threshold-reached response 50 2026-12-28T16:00:00Z late=false");
        Of(await AdvanceToAsync(Monday.AddHours(18).AddMinutes(30), 2), "response").Should().Equal(
            "clock.threshold-reached response 50 2026-12-28T16:00:00Z late=false",
            "clock.threshold-reached response 75 2026-12-28T18:30:00Z late=false");
        // Resolution (1,200 min) reaches 50 % at the response's breach, Monday 16:00 EST (21:00Z).
        await AdvanceToAsync(Monday.AddHours(20), 3);
        var alerts = await AdvanceToAsync(Monday.AddHours(21), 5);
        Of(alerts, "response").Should().Equal(
            "clock.threshold-reached response 50 2026-12-28T16:00:00Z late=false",
            "clock.threshold-reached response 75 2026-12-28T18:30:00Z late=false",
            "clock.threshold-reached response 90 2026-12-28T20:00:00Z late=false",
            "clock.breached response  2026-12-28T21:00:00Z late=false");
        Of(alerts, "resolution").Should().Equal("clock.threshold-reached resolution 50 2026-12-28T21:00:00Z late=false");
        alerts.Should().OnlyContain(a => a["dueAt"] != null && a["externalId"]!.GetValue<string>() == "T-1" && a["customerId"]!.GetValue<string>() == CustomerId);
    }

    [Test]
    public async Task APause_MovesTheThresholdsAfterIt()
    {
        var id = await OpenOnChristmasEveAsync();
        await AdvanceToAsync(Monday.AddHours(17), 1);

        // Waiting on the customer from 12:00 to 14:00 EST: the resolution clock loses two hours; the response clock
        // does not pause (the policy does not pause responses).
        await PostEventAsync(id, Definitions.Event("wait", "status-changed", "2026-12-28T17:00:00Z", status: "waiting-customer"));
        await AdvanceToAsync(Monday.AddHours(19), 2);
        await PostEventAsync(id, Definitions.Event("back", "status-changed", "2026-12-28T19:00:00Z", status: "in-progress"));

        // Resolution 50 % (600 min) was Monday 16:00 EST; the pause moves it to Tuesday 09:00 EST (14:00Z), which
        // Monday's last two hours and one on Tuesday reach. 75 % (900 min) moves from Tuesday 12:00 to 14:00 EST.
        await AdvanceToAsync(Monday.AddHours(20), 3);
        await AdvanceToAsync(Monday.AddHours(21), 4);
        await AdvanceToAsync(new DateTimeOffset(2026, 12, 29, 14, 0, 0, TimeSpan.Zero), 5);
        var alerts = await AdvanceToAsync(new DateTimeOffset(2026, 12, 29, 19, 0, 0, TimeSpan.Zero), 6);
        Of(alerts, "resolution").Should().Equal(
            "clock.threshold-reached resolution 50 2026-12-29T14:00:00Z late=false",
            "clock.threshold-reached resolution 75 2026-12-29T19:00:00Z late=false");
    }

    [Test]
    public async Task APriorityChange_Replans_AndCrossingsItRevealsInThePastFireLate_Once()
    {
        var id = await OpenOnChristmasEveAsync();
        Time.Advance(TimeSpan.FromMinutes(40));

        // P1 responds in 60 minutes on 24x7, counted from the opening: 50 % was 20:30Z, already past.
        await PostEventAsync(id, Definitions.Event("p1", "priority-changed", "2026-12-24T20:40:00Z", priority: 1));
        Of(await AlertsAsync(1), "response").Should().Equal("clock.threshold-reached response 50 2026-12-24T20:30:00Z late=true");
        await AdvanceToAsync(ChristmasEve.AddMinutes(45), 2);
        await AdvanceToAsync(ChristmasEve.AddMinutes(54), 3);
        await AdvanceToAsync(ChristmasEve.AddMinutes(60), 4);
        Time.Advance(TimeSpan.FromMinutes(1));

        // A late response re-plans the clock; the breach it already fired does not fire again.
        await PostEventAsync(id, Definitions.Event("answered", "responded", "2026-12-24T21:01:00Z"));
        Time.Advance(TimeSpan.FromSeconds(1));
        Of(await AlertsAsync(4), "response").Should().Equal(
            "clock.threshold-reached response 50 2026-12-24T20:30:00Z late=true",
            "clock.threshold-reached response 75 2026-12-24T20:45:00Z late=false",
            "clock.threshold-reached response 90 2026-12-24T20:54:00Z late=false",
            "clock.breached response  2026-12-24T21:00:00Z late=false");
    }

    [Test]
    public async Task AResolution_CancelsTheWarningsNotFired_AndTheClockMetFires()
    {
        var id = await OpenOnChristmasEveAsync();
        await AdvanceToAsync(Monday.AddHours(15), 0);

        await PostEventAsync(id, Definitions.Event("done", "resolved", "2026-12-28T15:00:00Z"));

        var alerts = await AdvanceToAsync(Monday.AddDays(3), 2);
        alerts.Select(Describe).Should().BeEquivalentTo(
            "clock.met response  2026-12-28T15:00:00Z late=false",
            "clock.met resolution  2026-12-28T15:00:00Z late=false");
    }

    [Test]
    public async Task ARestart_BetweenPlanningAndFiring_LosesNothing()
    {
        // Another API on the same database with its own clock, stopped after planning and started again before the
        // alarms are due; this fixture's API keeps its clock in November, where nothing is due.
        var clock = new FakeTimeProvider(ChristmasEve);
        await using (var before = new SlaApiFactory(Database, clock))
        {
            using var client = before.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", await before.IssueKeyAsync([Scopes.Admin]));
            var opened = await client.PostAsJsonAsync("/api/v1/incidents", Definitions.Incident(CustomerId, "T-1", "2026-12-24T20:00:00Z").With("priority", 2));
            opened.StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        }

        await using var after = new SlaApiFactory(Database, clock);
        using var restarted = after.CreateClient();
        restarted.DefaultRequestHeaders.Authorization = new("Bearer", await after.IssueKeyAsync([Scopes.Admin]));
        clock.Advance(Monday.AddHours(16) - clock.GetUtcNow());

        Of(await AlertsAsync(1, restarted), "response").Should().Equal("clock.threshold-reached response 50 2026-12-28T16:00:00Z late=false");
    }

    [Test]
    public async Task AnIncidentNoAgreementCovers_FiresIncidentUnbound()
    {
        var body = Definitions.Incident(CustomerId, "T-9").With("serviceCode", "not-covered");
        var id = (await CreateAsync("/api/v1/incidents", body))["id"]!.GetValue<string>();

        var alert = (await AlertsAsync(1)).Where(a => a["type"]!.GetValue<string>() == "incident.unbound").Should().ContainSingle().Subject;
        alert["incidentId"]!.GetValue<string>().Should().Be(id);
        alert["reason"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task ARenewalWithinThirtyDays_FiresRenewalDue_ForEachDate()
    {
        // The agreement renews on 2026-12-01 and ends 2027-01-01; it is 2026-11-25.
        Time.Advance(TimeSpan.FromMinutes(6));

        var alerts = await AlertsAsync(1, renewals: true);

        alerts.Should().ContainSingle();
        alerts[0]["agreementId"]!.GetValue<string>().Should().Be(AgreementId);
        alerts[0]["reason"]!.GetValue<string>().Should().Be("renewal-date");
        alerts[0]["dueAt"]!.GetValue<string>().Should().Be("2026-12-01T00:00:00Z");
        alerts[0]["daysBefore"]!.GetValue<int>().Should().Be(30);
        alerts[0]["late"]!.GetValue<bool>().Should().BeTrue("30 days before was 2026-11-01, before the agreement existed");
    }
}
