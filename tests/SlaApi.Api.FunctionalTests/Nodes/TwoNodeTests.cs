using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using Npgsql;
using SlaApi.Application.Access;
using SlaApi.Infrastructure.Persistence;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Nodes;

/// <summary>
/// Two API processes on one PostgreSQL database, started together on one that does not exist yet, each migrating at
/// start-up as by default: they create and migrate it one after the other, one admin key is issued, events
/// for the same incidents sent to both are all kept and replayed as one sequence, and a revocation on one node is
/// honoured by the other within <see cref="ApiKeyCache.TimeToLive"/>.
/// </summary>
[NonParallelizable]
public sealed class TwoNodeTests
{
    private const int Incidents = 8;
    private const int Workers = 8;
    private const int EventsPerWorker = 40;

    [Test]
    public async Task TwoNodes_ShareOneDatabase_WithoutLosingOrForkingAnything()
    {
        TestEngines.RequirePostgres();
        var database = new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = (await PostgresCluster.GetAsync()).ConnectionString($"slaapi_nodes_{Guid.NewGuid():N}"),
        };
        var migrateAtStart = new Dictionary<string, string> { ["Database:MigrateOnStartup"] = "true" };
        var starting = new[] { ApiProcess.StartAsync(database, migrateAtStart), ApiProcess.StartAsync(database, migrateAtStart) };
        await using var a = await starting[0];
        await using var b = await starting[1];

        new[] { a.PrintedKey, b.PrintedKey }.Where(k => k is not null).Should().ContainSingle("the first admin key is issued once");
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM api_keys")).Should().Be(1);
        var admin = a.PrintedKey ?? b.PrintedKey!;
        using var clientA = a.Client(admin);
        using var clientB = b.Client(admin);

        var incidentIds = await DefineIncidentsAsync(clientA);
        var acknowledged = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (var i = 0; i < EventsPerWorker; i++)
            {
                var client = (worker + i) % 2 == 0 ? clientA : clientB;
                var incidentId = incidentIds[random.Next(Incidents)];
                // Every fifth event is sent to both nodes at once: one of the two records it, the other finds it recorded.
                var eventId = $"w{worker}-{i}";
                var body = Definitions.Event(eventId, i % 7 == 3 ? "status-changed" : "updated", "2026-11-25T11:30:00Z",
                    status: i % 7 == 3 ? (i % 2 == 0 ? "waiting-customer" : "in-progress") : null);
                var sends = i % 5 == 0
                    ? new[] { clientA.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/events", body), clientB.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/events", body) }
                    : new[] { client.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/events", body) };
                foreach (var response in await Task.WhenAll(sends))
                {
                    if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                        acknowledged.Add($"{incidentId}/{eventId}");
                    else
                        failures.Add($"{eventId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        })));

        failures.Should().BeEmpty();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            var stored = (await connection.QueryAsync<string>("SELECT CAST(incident_id AS text) || '/' || event_id FROM incident_events")).ToHashSet();
            stored.Should().BeEquivalentTo(acknowledged.ToHashSet(), "every acknowledged event is stored, and nothing else");
            (await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM incidents i WHERE event_count <> (SELECT COUNT(*) FROM incident_events e WHERE e.incident_id = i.id)"))
                .Should().Be(0, "each incident counts the events it holds");
        }
        var storedClocks = (await ReadAsync(await clientB.GetAsync($"/api/v1/incidents?pageSize={Incidents}")))["items"]!.AsArray();
        foreach (var incidentId in incidentIds)
        {
            var replayed = (await ReadAsync(await clientA.GetAsync($"/api/v1/incidents/{incidentId}")))["clocks"]!.AsArray();
            var stored = storedClocks.Single(i => i!["id"]!.GetValue<string>() == incidentId)!["clocks"]!.AsArray();
            stored.Select(Describe).Should().BeEquivalentTo(replayed.Select(Describe), $"incident {incidentId}'s stored clocks equal a fresh replay of its events");
        }

        await RevocationOnOneNode_IsHonouredByTheOtherInTimeAsync(clientA, b);
    }

    private static async Task RevocationOnOneNode_IsHonouredByTheOtherInTimeAsync(HttpClient adminOnA, ApiProcess b)
    {
        var issued = await ReadAsync(await adminOnA.PostAsJsonAsync("/api/v1/keys", new { name = "revoked on A", scopes = new[] { "sla:read" } }));
        using var onB = b.Client(issued["key"]!.GetValue<string>());
        (await onB.GetAsync("/api/v1/calendars")).StatusCode.Should().Be(HttpStatusCode.OK, "B now holds the key in its cache");

        (await adminOnA.DeleteAsync($"/api/v1/keys/{issued["details"]!["id"]}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var since = Stopwatch.StartNew();
        while ((await onB.GetAsync("/api/v1/calendars")).StatusCode == HttpStatusCode.OK)
        {
            since.Elapsed.Should().BeLessThan(ApiKeyCache.TimeToLive + TimeSpan.FromSeconds(2), "B honours the revocation within the key cache's lifetime");
            await Task.Delay(500);
        }
    }

    private static async Task<string[]> DefineIncidentsAsync(HttpClient client)
    {
        var customerId = await client.DefineCoveredCustomerAsync();
        var ids = new string[Incidents];
        for (var i = 0; i < Incidents; i++)
            ids[i] = await client.CreateAsync("/api/v1/incidents", Definitions.Incident(customerId, $"T-{i}"));
        return ids;
    }

    private static string Describe(JsonNode? clock) => $"{clock!["metric"]} {clock["state"]} {clock["dueAt"]} {clock["breachedAt"]}";

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}
