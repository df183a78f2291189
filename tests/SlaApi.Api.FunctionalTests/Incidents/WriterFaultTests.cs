using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Incidents;

/// <summary>
/// Faults in the middle of a group commit, with concurrent requests on the same incidents: an event insert the database
/// refuses (a trigger), a commit the database refuses (a deferred constraint), and an update of the incident's stored
/// state refused after its events were inserted (a trigger on a change to priority 2). Afterwards the database must
/// hold exactly the events that were acknowledged, and the incidents' counts and stored clocks must agree with their events.
/// </summary>
public sealed class WriterFaultTests(TestEngine engine) : ApiTest(engine)
{
    private const string OccurredAt = "2026-11-25T11:30:00Z";
    private string[] _incidents = [];

    [OneTimeSetUp]
    public async Task InstallFaults()
    {
        await using var connection = await Database.OpenAsync();
        foreach (var statement in FaultSql(Engine))
            await connection.ExecuteAsync(statement);
    }

    [SetUp]
    public async Task OpenIncidents()
    {
        var officeHours = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();
        var policy = Definitions.Policy(officeHours).With("targets", new object[]
        {
            new { priority = 1, responseMinutes = 15, resolutionMinutes = 240, calendarId = Definitions.TwentyFourSeven },
            new { priority = 2, responseMinutes = 30, resolutionMinutes = 480 },
        });
        var policyId = (await CreateAsync("/api/v1/policies", policy))["id"]!.GetValue<string>();
        var customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, policyId));
        _incidents = await Task.WhenAll(Enumerable.Range(1, 3).Select(async i =>
            (await CreateAsync("/api/v1/incidents", Definitions.Incident(customerId, $"T-{i}")))["id"]!.GetValue<string>()));
    }

    [TestCase("statement")]
    [TestCase("commit")]
    [TestCase("projection")]
    public async Task AfterAFault_TheStoreHoldsExactlyTheAcknowledgedEvents(string fault)
    {
        if (fault == "commit" && Engine == TestEngine.SqlServer)
            Assert.Ignore("SQL Server has no deferred constraint with which to make a commit fail.");
        await SwitchFaultsAsync(on: true);

        var (acknowledged, refused) = await PostConcurrentlyAsync(fault);

        refused.Should().NotBeEmpty().And.OnlyContain(e => e.EventId.StartsWith("fault", StringComparison.Ordinal) || e.InFaultyBatch,
            "a request fails only for its own faulty event");
        acknowledged.Should().NotContain(e => e.EventId.StartsWith("fault", StringComparison.Ordinal), "no faulty event may be acknowledged");
        await AssertStoreHoldsExactlyAsync(acknowledged);

        // The next event of each incident must build on what is stored, not on a phantom of the failed group.
        foreach (var incident in _incidents)
        {
            (await PostAsync($"/api/v1/incidents/{incident}/events", Definitions.Event("after", "updated", OccurredAt))).StatusCode.Should().Be(HttpStatusCode.Created);
        }
        await AssertStoreHoldsExactlyAsync([.. acknowledged, .. _incidents.Select(i => new PostedEvent(i, "after", false))]);

        await SwitchFaultsAsync(on: false);
        var resent = refused.Where(e => !e.InFaultyBatch).ToArray();
        foreach (var e in resent)
            (await PostAsync($"/api/v1/incidents/{e.IncidentId}/events", FaultEvent(fault, e.EventId))).StatusCode.Should().Be(HttpStatusCode.Created);
        foreach (var e in resent)
            (await PostAsync($"/api/v1/incidents/{e.IncidentId}/events", FaultEvent(fault, e.EventId))).StatusCode.Should().Be(HttpStatusCode.OK);
        await AssertStoreHoldsExactlyAsync([.. acknowledged, .. _incidents.Select(i => new PostedEvent(i, "after", false)), .. resent]);
    }

    /// <summary>Forty-two single events and three batches of five, all at once; one request in seven carries the fault.</summary>
    private async Task<(List<PostedEvent> Acknowledged, List<PostedEvent> Refused)> PostConcurrentlyAsync(string fault)
    {
        var singles = Enumerable.Range(0, 42).Select(i =>
        {
            var posted = new PostedEvent(_incidents[i % 3], i % 7 == 3 ? $"fault-{fault}-{i}" : $"ok-{i}", false);
            var body = posted.EventId.StartsWith("fault", StringComparison.Ordinal) ? FaultEvent(fault, posted.EventId) : Definitions.Event(posted.EventId, "updated", OccurredAt);
            return (Events: new[] { posted }, Response: PostAsync($"/api/v1/incidents/{posted.IncidentId}/events", body));
        }).ToArray();
        var batches = Enumerable.Range(0, 3).Select(b =>
        {
            var faulty = b == 1;
            var events = Enumerable.Range(0, 5).Select(i => new PostedEvent(_incidents[i % 3], faulty && i == 2 ? $"fault-{fault}-b{b}" : $"ok-b{b}-{i}", faulty)).ToArray();
            var bodies = events.Select(e => With(e.EventId.StartsWith("fault", StringComparison.Ordinal) ? FaultEvent(fault, e.EventId) : Definitions.Event(e.EventId, "updated", OccurredAt), e.IncidentId));
            return (Events: events, Response: PostAsync("/api/v1/incidents/events:batch", new { events = bodies }));
        }).ToArray();
        await Task.WhenAll(singles.Concat(batches).Select(r => r.Response));

        var acknowledged = new List<PostedEvent>();
        var refused = new List<PostedEvent>();
        foreach (var (events, response) in singles.Concat(batches))
        {
            var status = (int)(await response).StatusCode;
            if (status is >= 200 and < 300)
            {
                if (events.Length > 1)
                    (await ReadAsync(await response))["recorded"]!.GetValue<int>().Should().Be(events.Length);
                acknowledged.AddRange(events);
            }
            else
            {
                status.Should().BeGreaterThanOrEqualTo(500, $"a fault is the server's, not the client's: {await (await response).Content.ReadAsStringAsync()}");
                refused.AddRange(events);
            }
        }
        return (acknowledged, refused);
    }

    private async Task AssertStoreHoldsExactlyAsync(IReadOnlyCollection<PostedEvent> acknowledged)
    {
        await using var connection = await Database.OpenAsync();
        var stored = (await connection.QueryAsync<(string IncidentId, string EventId)>(
                "SELECT CAST(incident_id AS VARCHAR(40)) AS incident_id, event_id FROM incident_events"))
            .Select(r => $"{Guid.Parse(r.IncidentId)}/{r.EventId}");
        stored.Should().BeEquivalentTo(acknowledged.Select(e => $"{Guid.Parse(e.IncidentId)}/{e.EventId}"),
            "every acknowledged event is stored, once, and no other");
        var counts = await connection.QueryAsync<(long Counted, long Rows)>(
            """
            SELECT CAST(i.event_count AS BIGINT), CAST((SELECT COUNT(*) FROM incident_events e WHERE e.incident_id = i.id) AS BIGINT)
            FROM incidents i
            """);
        counts.Should().OnlyContain(c => c.Counted == c.Rows, "each incident's event_count equals its stored events");

        foreach (var incident in _incidents)
        {
            var replayed = (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{incident}")))["clocks"]!.AsArray();
            var storedClocks = (await ReadAsync(await Client.GetAsync("/api/v1/incidents?pageSize=200")))["items"]!.AsArray()
                .Single(i => i!["id"]!.GetValue<string>() == incident)!["clocks"]!.AsArray();
            storedClocks.Select(Describe).Should().BeEquivalentTo(replayed.Select(Describe), "the stored clocks equal a fresh replay of the stored events");
        }

        static string Describe(JsonNode? clock) => $"{clock!["metric"]} {clock["state"]} {clock["dueAt"]} {clock["breachedAt"]}";
    }

    private async Task SwitchFaultsAsync(bool on)
    {
        await using var connection = await Database.OpenAsync();
        await connection.ExecuteAsync(on ? "INSERT INTO fault_switch (id) VALUES (1)" : "DELETE FROM fault_switch");
    }

    /// <summary>The projection fault is a change to priority 2, whose stored state the trigger refuses.</summary>
    private static object FaultEvent(string fault, string eventId) => fault == "projection"
        ? Definitions.Event(eventId, "priority-changed", OccurredAt, priority: 2)
        : Definitions.Event(eventId, "updated", OccurredAt);

    private static JsonObject With(object body, string incidentId)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToNode(body)!.AsObject();
        json["incidentId"] = incidentId;
        return json;
    }

    private static string[] FaultSql(TestEngine engine) => engine switch
    {
        TestEngine.Sqlite =>
        [
            "CREATE TABLE fault_switch (id INTEGER PRIMARY KEY)",
            "CREATE TABLE fault_parent (id INTEGER PRIMARY KEY)",
            "CREATE TABLE fault_child (parent_id INTEGER REFERENCES fault_parent (id) DEFERRABLE INITIALLY DEFERRED)",
            """
            CREATE TRIGGER fault_statement BEFORE INSERT ON incident_events
            WHEN NEW.event_id LIKE 'fault-statement%' AND EXISTS (SELECT 1 FROM fault_switch)
            BEGIN SELECT RAISE(ABORT, 'injected statement fault'); END
            """,
            """
            CREATE TRIGGER fault_commit AFTER INSERT ON incident_events
            WHEN NEW.event_id LIKE 'fault-commit%' AND EXISTS (SELECT 1 FROM fault_switch)
            BEGIN INSERT INTO fault_child (parent_id) VALUES (1); END
            """,
            """
            CREATE TRIGGER fault_projection BEFORE UPDATE ON incidents
            WHEN NEW.priority = 2 AND EXISTS (SELECT 1 FROM fault_switch)
            BEGIN SELECT RAISE(ABORT, 'injected projection fault'); END
            """,
        ],
        TestEngine.Postgres =>
        [
            "CREATE TABLE fault_switch (id INTEGER PRIMARY KEY)",
            """
            CREATE FUNCTION fault_raise() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM fault_switch) THEN RAISE EXCEPTION 'injected % fault', TG_ARGV[0]; END IF;
                RETURN NEW;
            END $$
            """,
            """
            CREATE TRIGGER fault_statement BEFORE INSERT ON incident_events
            FOR EACH ROW WHEN (NEW.event_id LIKE 'fault-statement%') EXECUTE FUNCTION fault_raise('statement')
            """,
            """
            CREATE CONSTRAINT TRIGGER fault_commit AFTER INSERT ON incident_events DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW WHEN (NEW.event_id LIKE 'fault-commit%') EXECUTE FUNCTION fault_raise('commit')
            """,
            """
            CREATE TRIGGER fault_projection BEFORE UPDATE ON incidents
            FOR EACH ROW WHEN (NEW.priority = 2) EXECUTE FUNCTION fault_raise('projection')
            """,
        ],
        _ =>
        [
            "CREATE TABLE fault_switch (id INT PRIMARY KEY)",
            """
            CREATE TRIGGER fault_statement ON incident_events AFTER INSERT AS
            IF EXISTS (SELECT 1 FROM inserted WHERE event_id LIKE 'fault-statement%') AND EXISTS (SELECT 1 FROM fault_switch)
                THROW 50000, 'injected statement fault', 1;
            """,
            """
            CREATE TRIGGER fault_projection ON incidents AFTER UPDATE AS
            IF EXISTS (SELECT 1 FROM inserted WHERE priority = 2) AND EXISTS (SELECT 1 FROM fault_switch)
                THROW 50000, 'injected projection fault', 1;
            """,
        ],
    };

    private sealed record PostedEvent(string IncidentId, string EventId, bool InFaultyBatch);
}
