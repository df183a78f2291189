using System.Net;
using System.Net.Http.Json;
using Dapper;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.Infrastructure.Incidents.Ingestion;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Incidents;

/// <summary>The writer refuses at once, before anything is queued, when it cannot take events; readiness says so.</summary>
public sealed class WriterAvailabilityTests(TestEngine engine) : ApiTest(engine)
{
    [Test]
    public async Task AFullQueue_Answers503WithRetryAfterAtOnce_AndStoresNothingOfTheRefusedRequest()
    {
        await using var factory = new SlaApiFactory(Database, Time, new Dictionary<string, string?> { ["Ingestion:MaxQueuedEvents"] = "150" });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await factory.IssueKeyAsync([Scopes.Admin]));
        var incidentId = await OpenIncidentAsync(client);

        // Twenty batches at once: a hundred events each, which wait only while few others do, and one of two hundred,
        // which never fits.
        var sizes = Enumerable.Range(0, 20).Select(b => b == 7 ? 200 : 100).ToArray();
        var responses = await Task.WhenAll(sizes.Select((size, b) => client.PostAsJsonAsync("/api/v1/incidents/events:batch", new
        {
            events = Enumerable.Range(0, size).Select(i => new { incidentId, eventId = $"b{b}-{i}", type = "updated", occurredAt = "2026-11-25T11:30:00Z" }),
        })));

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToArray();
        responses[7].StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.ServiceUnavailable);
        foreach (var response in refused)
        {
            response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }
        await using var connection = await Database.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM incident_events"))
            .Should().Be(responses.Zip(sizes).Where(r => r.First.StatusCode == HttpStatusCode.OK).Sum(r => (long)r.Second),
                "the accepted batches are stored whole and the refused ones not at all");
    }

    [Test]
    public async Task OneKey_HoldsAtMostItsShareOfTheQueue_AndAnotherKeyStillGetsIn()
    {
        await using var factory = new SlaApiFactory(Database, Time, new Dictionary<string, string?>
        {
            ["Ingestion:MaxQueuedEvents"] = "1000",
            ["Ingestion:MaxQueuedEventsPerKey"] = "150",
        });
        using var flooding = factory.CreateClient();
        flooding.DefaultRequestHeaders.Authorization = new("Bearer", await factory.IssueKeyAsync([Scopes.Admin], name: "flooding"));
        using var other = factory.CreateClient();
        other.DefaultRequestHeaders.Authorization = new("Bearer", await factory.IssueKeyAsync([Scopes.IncidentsWrite], name: "other"));
        var incidentId = await OpenIncidentAsync(flooding);

        // The flooding key's batch of 200 exceeds its share of 150 though the queue has room for it; the other key's
        // 100, sent meanwhile, always fit: the flooding key holds at most 150 of the 1,000 places.
        var flood = Enumerable.Range(0, 10).Select(b => flooding.PostAsJsonAsync("/api/v1/incidents/events:batch", Batch(incidentId, $"f{b}", b == 3 ? 200 : 100))).ToArray();
        var fromOther = await other.PostAsJsonAsync("/api/v1/incidents/events:batch", Batch(incidentId, "o", 100));
        var floodResponses = await Task.WhenAll(flood);

        fromOther.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadAsync(fromOther))["recorded"]!.GetValue<int>().Should().Be(100);
        var overShare = await floodResponses[3].ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        overShare["detail"]!.GetValue<string>().Should().Contain("share");
    }

    [Test]
    public async Task EventsAreRateLimitedPerEvent_NotPerRequest()
    {
        await using var factory = new SlaApiFactory(Database, Time, new Dictionary<string, string?>
        {
            ["RateLimit:EventsPerSecond"] = "1",
            ["RateLimit:EventTokenLimit"] = "1000",
        });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await factory.IssueKeyAsync([Scopes.Admin]));
        var incidentId = await OpenIncidentAsync(client);

        (await client.PostAsJsonAsync("/api/v1/incidents/events:batch", Batch(incidentId, "a", 990))).StatusCode.Should().Be(HttpStatusCode.OK);
        var refused = await client.PostAsJsonAsync("/api/v1/incidents/events:batch", Batch(incidentId, "b", 20));
        var single = await client.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/events", Definitions.Event("c", "updated", "2026-11-25T11:30:00Z"));

        (await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests))["detail"]!.GetValue<string>().Should().Contain("events a second");
        refused.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        single.StatusCode.Should().Be(HttpStatusCode.Created, "ten tokens were left for single events");
        await using var connection = await Database.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM incident_events WHERE event_id LIKE 'b-%'")).Should().Be(0);
    }

    [Test]
    public async Task AStoppedWriter_MakesTheApiUnready_AndRefusesEventsWith503()
    {
        await using var factory = new SlaApiFactory(Database, Time);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await factory.IssueKeyAsync([Scopes.Admin]));
        var incidentId = await OpenIncidentAsync(client);
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        await factory.Services.GetRequiredService<EventWriter>().StopAsync(CancellationToken.None);

        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var refused = await client.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/events", Definitions.Event("late", "updated", "2026-11-25T11:30:00Z"));
        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter.Should().NotBeNull();
        await using var connection = await Database.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM incident_events")).Should().Be(0);
    }

    private static object Batch(string incidentId, string prefix, int size) => new
    {
        events = Enumerable.Range(0, size).Select(i => new { incidentId, eventId = $"{prefix}-{i}", type = "updated", occurredAt = "2026-11-25T11:30:00Z" }),
    };

    private static async Task<string> OpenIncidentAsync(HttpClient client) =>
        await client.CreateAsync("/api/v1/incidents", Definitions.Incident(await client.DefineCoveredCustomerAsync(), "T-1"));
}
