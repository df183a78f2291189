using System.Net;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Incidents;

public sealed class EventBatchTests(TestEngine engine) : ApiTest(engine)
{
    private string _customerId = "";
    private string _first = "";

    [SetUp]
    public async Task OpenIncidents()
    {
        var calendarId = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();
        var policyId = (await CreateAsync("/api/v1/policies", Definitions.Policy(calendarId)))["id"]!.GetValue<string>();
        _customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerId, policyId));
        _first = (await CreateAsync("/api/v1/incidents", Definitions.Incident(_customerId, "T-1")))["id"]!.GetValue<string>();
        await CreateAsync("/api/v1/incidents", Definitions.Incident(_customerId, "T-2"));
    }

    [Test]
    public async Task Batch_GivesEachEventItsOwnResult()
    {
        var response = await PostAsync("/api/v1/incidents/events:batch", new
        {
            events = new object[]
            {
                new { incidentId = _first, eventId = "a", type = "responded", occurredAt = "2026-11-25T11:10:00Z" },
                new { source = "connectwise", externalId = "T-2", eventId = "b", type = "resolved", occurredAt = "2026-11-25T11:50:00Z" },
                new { incidentId = _first, eventId = "a", type = "responded", occurredAt = "2026-11-25T11:10:00Z" },
                new { incidentId = _first, eventId = "a", type = "updated", occurredAt = "2026-11-25T11:10:00Z" },
                new { incidentId = _first, eventId = "c", type = "updated", occurredAt = "2026-11-25T10:00:00Z" },
                new { incidentId = Guid.NewGuid(), eventId = "d", type = "updated", occurredAt = "2026-11-25T11:10:00Z" },
                new { incidentId = _first, eventId = "e", type = "teleported", occurredAt = "2026-11-25T11:10:00Z" },
            },
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await ReadAsync(response);
        body["results"]!.AsArray().Select(r => r!["status"]!.GetValue<int>()).Should().Equal(201, 201, 200, 409, 422, 404, 400);
        body["recorded"]!.GetValue<int>().Should().Be(2);
        body["alreadyRecorded"]!.GetValue<int>().Should().Be(1);
        body["rejected"]!.GetValue<int>().Should().Be(4);
        body["results"]![6]!["errors"]!["type"].Should().NotBeNull();
        var resolved = await ReadAsync(await Client.GetAsync("/api/v1/incidents/by-ref/connectwise/T-2"));
        resolved["finalResolvedAt"]!.GetValue<string>().Should().Be("2026-11-25T11:50:00Z");
    }

    [Test]
    public async Task Batch_OverAThousandEvents_Returns400()
    {
        var events = Enumerable.Range(0, 1001).Select(i => new { incidentId = _first, eventId = $"e{i}", type = "updated", occurredAt = "2026-11-25T11:10:00Z" });

        await (await PostAsync("/api/v1/incidents/events:batch", new { events })).ShouldBeValidationProblemAsync("events");
    }

    [Test]
    public async Task AnIncident_HoldsAtMostTwoThousandEvents_AndSaysSoWith422()
    {
        for (var batch = 0; batch < 2; batch++)
        {
            var events = Enumerable.Range(batch * 1000, 1000).Select(i => new { incidentId = _first, eventId = $"e{i}", type = "updated", occurredAt = "2026-11-25T11:10:00Z" });
            (await ReadAsync(await PostAsync("/api/v1/incidents/events:batch", new { events })))["recorded"]!.GetValue<int>().Should().Be(1000);
        }

        var problem = await (await PostAsync($"/api/v1/incidents/{_first}/events", Definitions.Event("one-more", "updated", "2026-11-25T11:20:00Z")))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem["errors"]!["eventId"]!.ToJsonString().Should().Contain("2000");
        (await PostAsync($"/api/v1/incidents/{_first}/events", Definitions.Event("e5", "updated", "2026-11-25T11:10:00Z")))
            .StatusCode.Should().Be(HttpStatusCode.OK, "an event already recorded is still acknowledged");
    }

    [Test]
    public async Task StoredClocks_AfterEveryKindOfEvent_AgreeWithAFreshReplay()
    {
        // Each event below changes a different clock; the writer stores only what changed, and lists read the store.
        object[] events =
        [
            Definitions.Event("a", "updated", "2026-11-25T11:05:00Z"),
            Definitions.Event("b", "status-changed", "2026-11-25T11:10:00Z", status: "waiting-customer"),
            Definitions.Event("c", "status-changed", "2026-11-25T11:25:00Z", status: "in-progress"),
            Definitions.Event("d", "responded", "2026-11-25T11:30:00Z"),
            Definitions.Event("e", "priority-changed", "2026-11-25T11:35:00Z", priority: 3),
            Definitions.Event("f", "priority-changed", "2026-11-25T11:40:00Z", priority: 1),
            Definitions.Event("g", "resolved", "2026-11-25T11:50:00Z"),
        ];
        foreach (var e in events)
        {
            (await PostAsync($"/api/v1/incidents/{_first}/events", e)).EnsureSuccessStatusCode();

            var replayed = (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{_first}")))["clocks"]!.AsArray();
            var stored = (await ReadAsync(await Client.GetAsync("/api/v1/incidents?priority=1&pageSize=200")))["items"]!.AsArray()
                .Concat((await ReadAsync(await Client.GetAsync("/api/v1/incidents?priority=3&pageSize=200")))["items"]!.AsArray())
                .Single(i => i!["id"]!.GetValue<string>() == _first)!["clocks"]!.AsArray();
            stored.Select(c => $"{c!["metric"]} {c["state"]} {c["dueAt"]} {c["breachedAt"]}").Should().BeEquivalentTo(
                replayed.Select(c => $"{c!["metric"]} {c["state"]} {c["dueAt"]} {c["breachedAt"]}"), $"after event {e}");
        }
    }

    [Test]
    public async Task ConcurrentRequests_AreCommittedTogether_AndEveryOneIsAnswered()
    {
        // Forty single-event requests and four batches race; every event must be recorded exactly once.
        var singles = Enumerable.Range(0, 40).Select(i => PostAsync($"/api/v1/incidents/{_first}/events",
            Definitions.Event($"s{i}", "updated", $"2026-11-25T11:{i:00}:00Z")));
        var batches = Enumerable.Range(0, 4).Select(b => PostAsync("/api/v1/incidents/events:batch", new
        {
            events = Enumerable.Range(0, 25).Select(i => new { source = "connectwise", externalId = "T-2", eventId = $"b{b}-{i}", type = "updated", occurredAt = "2026-11-25T11:30:00Z" }),
        }));

        var responses = await Task.WhenAll(singles.Concat(batches));

        responses.Take(40).Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        foreach (var batch in responses.Skip(40))
            (await ReadAsync(batch))["recorded"]!.GetValue<int>().Should().Be(25);
        var first = await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{_first}/timeline"));
        var second = await ReadAsync(await Client.GetAsync("/api/v1/incidents/by-ref/connectwise/T-2"));
        first["events"]!.AsArray().Should().HaveCount(40);
        (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{second["id"]}/timeline")))["events"]!.AsArray().Should().HaveCount(100);
    }
}
