using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Incidents;

/// <summary>
/// Gold policy: P1 on 24x7 (response 15 min, resolution 240 min), P3 in New York office hours; pause status
/// "waiting-customer". The agreement covers managed-workstations through 2026. Now is 2026-11-25T12:00Z.
/// </summary>
public sealed class IncidentEndpointsTests(TestEngine engine) : ApiTest(engine)
{
    private string _customerId = "";
    private string _policyId = "";
    private string _agreementId = "";

    [SetUp]
    public async Task DefineAgreement()
    {
        var calendarId = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();
        _policyId = (await CreateAsync("/api/v1/policies", Definitions.Policy(calendarId)))["id"]!.GetValue<string>();
        _customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
        _agreementId = (await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerId, _policyId)))["id"]!.GetValue<string>();
    }

    private static JsonNode Clock(JsonNode incident, string metric) =>
        incident["clocks"]!.AsArray().Single(c => c!["metric"]!.GetValue<string>() == metric)!;

    private async Task<string> OpenAsync(string externalId, string openedAt = "2026-11-25T11:00:00Z") =>
        (await CreateAsync("/api/v1/incidents", Definitions.Incident(_customerId, externalId, openedAt)))["id"]!.GetValue<string>();

    [Test]
    public async Task Open_BindsToTheAgreementInForce_AndAnswersWithClocks()
    {
        var response = await PostAsync("/api/v1/incidents", Definitions.Incident(_customerId, "T-1"));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var incident = await ReadAsync(response);
        incident["sla"]!["bound"]!.GetValue<bool>().Should().BeTrue();
        incident["sla"]!["agreementId"]!.GetValue<string>().Should().Be(_agreementId);
        incident["sla"]!["policyId"]!.GetValue<string>().Should().Be(_policyId);
        incident["sla"]!["policyVersion"]!.GetValue<int>().Should().Be(1);
        // Opened 11:00Z; P1 response of 15 min was due 11:15Z; resolution of 240 min is due 15:00Z, 25 % gone.
        Clock(incident, "response")["state"]!.GetValue<string>().Should().Be("breached");
        Clock(incident, "response")["breachedAt"]!.GetValue<string>().Should().Be("2026-11-25T11:15:00Z");
        Clock(incident, "resolution")["state"]!.GetValue<string>().Should().Be("running");
        Clock(incident, "resolution")["dueAt"]!.GetValue<string>().Should().Be("2026-11-25T15:00:00Z");
        Clock(incident, "resolution")["elapsedSeconds"]!.GetValue<long>().Should().Be(3600);
        Clock(incident, "resolution")["percentElapsed"]!.GetValue<double>().Should().Be(25);
    }

    [Test]
    public async Task Open_SameIncidentAgain_Returns200WithTheSameIncident()
    {
        var id = await OpenAsync("T-1");

        var again = await PostAsync("/api/v1/incidents", Definitions.Incident(_customerId, "T-1").With("title", "Edited title"));

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadAsync(again))["id"]!.GetValue<string>().Should().Be(id);
    }

    [Test]
    public async Task Open_SameRefWithOtherOpeningTime_Returns409()
    {
        var id = await OpenAsync("T-1");

        var response = await PostAsync("/api/v1/incidents", Definitions.Incident(_customerId, "T-1", "2026-11-25T10:00:00Z"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem["conflictingIncidentId"]!.GetValue<string>().Should().Be(id);
    }

    [Test]
    public async Task Open_ServiceNoAgreementCovers_IsStoredUnbound()
    {
        var incident = await CreateAsync("/api/v1/incidents", Definitions.Incident(_customerId, "T-1").With("serviceCode", "printers"));

        incident["sla"]!["bound"]!.GetValue<bool>().Should().BeFalse();
        incident["sla"]!["reason"]!.GetValue<string>().Should().Contain("printers");
        incident["clocks"]!.AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task Open_ByCustomerRef_FindsTheCustomer_AndUnknownRefIs400()
    {
        var byRef = Definitions.Incident(_customerId, "T-1").Without("customerId").With("customerRef", new { source = "ConnectWise", id = "250" });

        (await ReadAsync(await PostAsync("/api/v1/incidents", byRef)))["customerId"]!.GetValue<string>().Should().Be(_customerId);
        await (await PostAsync("/api/v1/incidents", byRef.With("externalId", "T-2").With("customerRef", new { source = "connectwise", id = "999" })))
            .ShouldBeValidationProblemAsync("customerRef");
    }

    [Test]
    public async Task Binding_KeepsTheVersionsInForceAtOpening()
    {
        var id = await OpenAsync("T-1");
        var slower = Definitions.Policy(Definitions.TwentyFourSeven).With("targets", new object[] { new { priority = 1, responseMinutes = 120, resolutionMinutes = 480 } });
        (await PutAsync($"/api/v1/policies/{_policyId}", slower, "\"1\"")).EnsureSuccessStatusCode();

        var incident = await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}"));

        incident["sla"]!["policyVersion"]!.GetValue<int>().Should().Be(1);
        Clock(incident, "response")["targetSeconds"]!.GetValue<long>().Should().Be(15 * 60);
    }

    [Test]
    public async Task Event_RecordedOnce_SameAgainIs200_OtherContentIs409()
    {
        var id = await OpenAsync("T-1");
        var responded = Definitions.Event("cw-1", "responded", "2026-11-25T11:10:00Z");

        var first = await PostAsync($"/api/v1/incidents/{id}/events", responded);
        var again = await PostAsync($"/api/v1/incidents/{id}/events", responded);
        var conflicting = await PostAsync($"/api/v1/incidents/{id}/events", Definitions.Event("cw-1", "responded", "2026-11-25T11:11:00Z"));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        Clock(await ReadAsync(first), "response")["state"]!.GetValue<string>().Should().Be("met");
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await conflicting.ShouldBeProblemAsync(HttpStatusCode.Conflict))["code"]!.GetValue<string>().Should().Be("incident.event-id-reused");
    }

    [TestCase("2026-11-25T10:59:59Z", TestName = "Event_BeforeOpening_Returns422")]
    [TestCase("2026-11-25T12:05:01Z", TestName = "Event_MoreThanFiveMinutesAhead_Returns422")]
    public async Task Event_OccurredOutsideWhatCanBe_Returns422NamingOccurredAt(string occurredAt)
    {
        var id = await OpenAsync("T-1");

        var response = await PostAsync($"/api/v1/incidents/{id}/events", Definitions.Event("e1", "updated", occurredAt));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem["errors"]!["occurredAt"].Should().NotBeNull();
    }

    [Test]
    public async Task Event_FourMinutesAhead_IsAccepted()
    {
        var id = await OpenAsync("T-1");

        (await PostAsync($"/api/v1/incidents/{id}/events", Definitions.Event("e1", "updated", "2026-11-25T12:04:00Z"))).StatusCode
            .Should().Be(HttpStatusCode.Created);
    }

    [TestCase("escalated", null, null, "type")]
    [TestCase("status-changed", null, null, "status")]
    [TestCase("priority-changed", null, null, "priority")]
    [TestCase("priority-changed", null, 9, "priority")]
    [TestCase("responded", "new", null, "status")]
    public async Task Event_Malformed_Returns400(string type, string? status, int? priority, string field)
    {
        var id = await OpenAsync("T-1");

        var response = await PostAsync($"/api/v1/incidents/{id}/events", Definitions.Event("e1", type, "2026-11-25T11:30:00Z", status, priority));

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Test]
    public async Task Event_UnknownIncident_Returns404() =>
        await (await PostAsync($"/api/v1/incidents/{Guid.NewGuid()}/events", Definitions.Event("e1", "updated", "2026-11-25T11:30:00Z")))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);

    [Test]
    public async Task Events_PostedOutOfOrder_GiveTheSameClocksAsInOrder()
    {
        object[] history =
        [
            Definitions.Event("e1", "status-changed", "2026-11-25T11:05:00Z", status: "waiting-customer"),
            Definitions.Event("e2", "status-changed", "2026-11-25T11:35:00Z", status: "in-progress"),
            Definitions.Event("e3", "responded", "2026-11-25T11:40:00Z"),
            Definitions.Event("e4", "priority-changed", "2026-11-25T11:45:00Z", priority: 3),
        ];
        var inOrder = await OpenAsync("T-1");
        var reversed = await OpenAsync("T-2");
        foreach (var e in history)
            (await PostAsync($"/api/v1/incidents/{inOrder}/events", e)).EnsureSuccessStatusCode();
        foreach (var e in history.Reverse())
            (await PostAsync($"/api/v1/incidents/{reversed}/events", e)).EnsureSuccessStatusCode();

        var a = await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{inOrder}"));
        var b = await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{reversed}"));

        a["clocks"]!.ToJsonString().Should().Be(b["clocks"]!.ToJsonString());
        a["priority"]!.GetValue<int>().Should().Be(3);
    }

    [Test]
    public async Task Events_ArrivingTogether_AreAllRecorded()
    {
        var id = await OpenAsync("T-1");

        var responses = await Task.WhenAll(Enumerable.Range(1, 12).Select(i =>
            PostAsync($"/api/v1/incidents/{id}/events", Definitions.Event($"e{i}", i % 2 == 0 ? "status-changed" : "updated",
                $"2026-11-25T11:{i:00}:00Z", status: i % 2 == 0 ? (i % 4 == 0 ? "in-progress" : "waiting-customer") : null))));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        // Every event is counted: the last status change (11:12, in-progress) ended the pauses of 11:02–04, 11:06–08 and 11:10–12.
        var incident = await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}"));
        incident["status"]!.GetValue<string>().Should().Be("in-progress");
        Clock(incident, "resolution")["elapsedSeconds"]!.GetValue<long>().Should().Be(3600 - 6 * 60);
    }

    [Test]
    public async Task WaitingOnTheCustomer_PausesResolution_WithoutADueInstant()
    {
        var id = await OpenAsync("T-1");

        var incident = await ReadAsync(await PostAsync($"/api/v1/incidents/{id}/events",
            Definitions.Event("e1", "status-changed", "2026-11-25T11:30:00Z", status: "waiting-customer")));

        Clock(incident, "resolution")["state"]!.GetValue<string>().Should().Be("paused");
        Clock(incident, "resolution")["dueAt"].Should().BeNull();
        Clock(incident, "resolution")["remainingSeconds"]!.GetValue<long>().Should().Be(210 * 60);
    }

    [Test]
    public async Task List_FiltersOnStoredClocks_AndTheQueueOrdersByUrgency()
    {
        // Resolution due: T-early 14:00Z, T-late 16:00Z; T-paused waits on the customer; T-done is resolved.
        var early = await OpenAsync("T-early", "2026-11-25T10:00:00Z");
        var late = await OpenAsync("T-late", "2026-11-25T12:00:00Z");
        var paused = await OpenAsync("T-paused", "2026-11-25T11:50:00Z");
        var done = await OpenAsync("T-done", "2026-11-25T11:55:00Z");
        foreach (var id in new[] { early, late, paused, done })
            (await PostAsync($"/api/v1/incidents/{id}/events", Definitions.Event("r", "responded", "2026-11-25T12:00:00Z"))).EnsureSuccessStatusCode();
        (await PostAsync($"/api/v1/incidents/{paused}/events", Definitions.Event("w", "status-changed", "2026-11-25T12:00:00Z", status: "waiting-customer"))).EnsureSuccessStatusCode();
        (await PostAsync($"/api/v1/incidents/{done}/events", Definitions.Event("d", "resolved", "2026-11-25T12:00:00Z"))).EnsureSuccessStatusCode();

        var queue = await ReadAsync(await Client.GetAsync("/api/v1/queue"));
        var breached = await ReadAsync(await Client.GetAsync("/api/v1/incidents?breached=true"));
        var pausedOnes = await ReadAsync(await Client.GetAsync("/api/v1/incidents?state=paused"));

        queue.AsArray().Select(q => q!["incident"]!["externalId"]!.GetValue<string>()).Should().Equal("T-early", "T-late", "T-paused");
        queue[0]!["clock"]!["metric"]!.GetValue<string>().Should().Be("resolution");
        breached["items"]!.AsArray().Select(i => i!["externalId"]!.GetValue<string>()).Should().BeEquivalentTo(["T-early"],
            "T-early answered 2 h after opening; the others within 15 min");
        pausedOnes["items"]!.AsArray().Select(i => i!["externalId"]!.GetValue<string>()).Should().Equal("T-paused");
        (await ReadAsync(await Client.GetAsync("/api/v1/incidents?atRisk=true")))["items"]!.AsArray()
            .Should().BeEmpty("at 12:00Z T-early's resolution is 50 % gone, short of the 75 % warning");

        Time.Advance(TimeSpan.FromHours(1.5));
        var atRisk = await ReadAsync(await Client.GetAsync("/api/v1/incidents?atRisk=true"));
        atRisk["items"]!.AsArray().Select(i => i!["externalId"]!.GetValue<string>()).Should()
            .Equal(["T-early"], "at 13:30Z its resolution is 87.5 % gone, without any new event");

        Time.Advance(TimeSpan.FromHours(1));
        var later = await ReadAsync(await Client.GetAsync("/api/v1/incidents?breached=true"));
        later["items"]!.AsArray().Select(i => i!["externalId"]!.GetValue<string>()).Should().BeEquivalentTo(["T-early"],
            "T-early's resolution (due 14:00Z) is breached by 14:30Z without any new event; its response was already late");
        Clock(await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{early}")), "resolution")["state"]!.GetValue<string>().Should().Be("breached");
    }

    [Test]
    public async Task Timeline_ShowsWhatCountedAndWhy_WithTheRuleVersionOfEachEvent()
    {
        // Resolution on 24x7 from 11:00Z; waiting on the customer 11:20–11:40Z; now 12:00Z: 40 of 60 minutes counted.
        var id = await OpenAsync("T-1");
        (await PostAsync($"/api/v1/incidents/{id}/events", Definitions.Event("w", "status-changed", "2026-11-25T11:20:00Z", status: "waiting-customer"))).EnsureSuccessStatusCode();
        (await PostAsync($"/api/v1/incidents/{id}/events", Definitions.Event("b", "status-changed", "2026-11-25T11:40:00Z", status: "in-progress"))).EnsureSuccessStatusCode();

        var timeline = await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}/timeline"));

        var resolution = timeline["clocks"]!.AsArray().Single(c => c!["metric"]!.GetValue<string>() == "resolution")!;
        resolution["calendarVersion"]!.GetValue<int>().Should().Be(1);
        resolution["elapsedSeconds"]!.GetValue<long>().Should().Be(40 * 60);
        resolution["segments"]!.AsArray().Select(s => $"{s!["from"]} {s["kind"]} {s["status"]} {s["businessSeconds"]}").Should().Equal(
            "2026-11-25T11:00:00Z running  1200",
            "2026-11-25T11:20:00Z paused waiting-customer 0",
            "2026-11-25T11:40:00Z running  1200");
        timeline["events"]!.AsArray().Select(e => e!["eventId"]!.GetValue<string>()).Should().Equal("w", "b");
        timeline["events"]![0]!["policyVersion"]!.GetValue<int>().Should().Be(1);
    }

    [Test]
    public async Task ByRef_FindsTheIncident_AndUnknownIs404()
    {
        var id = await OpenAsync("T-1");

        (await ReadAsync(await Client.GetAsync("/api/v1/incidents/by-ref/connectwise/T-1")))["id"]!.GetValue<string>().Should().Be(id);
        await (await Client.GetAsync("/api/v1/incidents/by-ref/connectwise/T-404")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task CustomerBoundKey_SeesAndWritesOnlyItsCustomersIncidents()
    {
        var mine = await OpenAsync("T-mine");
        var otherCustomer = (await CreateAsync("/api/v1/customers", Definitions.Customer("Other", "psa", "9")))["id"]!.GetValue<string>();
        var theirs = (await CreateAsync("/api/v1/incidents", Definitions.Incident(otherCustomer, "T-theirs")))["id"]!.GetValue<string>();
        using var client = ClientWithKey(await Factory.IssueKeyAsync([Scopes.SlaRead, Scopes.IncidentsWrite], Guid.Parse(_customerId)));

        var list = await ReadAsync(await client.GetAsync("/api/v1/incidents"));

        list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Should().Equal(mine);
        await (await client.GetAsync($"/api/v1/incidents/{theirs}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync($"/api/v1/incidents/{theirs}/events", Definitions.Event("e", "updated", "2026-11-25T11:30:00Z")))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync("/api/v1/incidents", Definitions.Incident(otherCustomer, "T-sneaky")))
            .ShouldBeValidationProblemAsync("customerId");
        (await ReadAsync(await client.GetAsync("/api/v1/queue"))).AsArray().Select(q => q!["incident"]!["id"]!.GetValue<string>()).Should().Equal(mine);
    }
}
