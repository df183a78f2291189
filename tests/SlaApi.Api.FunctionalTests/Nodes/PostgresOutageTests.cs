using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Infrastructure.Persistence;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Nodes;

/// <summary>
/// The database goes away for ten seconds under event load. Meanwhile writes answer 503 with Retry-After at once
/// (never 500, never a hang) and the API is not ready; after the database is back the API recovers within five
/// seconds without a restart, and every event it acknowledged is stored.
/// </summary>
[NonParallelizable]
public sealed class PostgresOutageTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(20);

    [Test]
    public async Task AnOutage_Answers503_ThenRecoversWithoutRestart_AndLosesNothingAcknowledged()
    {
        TestEngines.RequirePostgres();
        await using var cluster = await PostgresCluster.StartOwnAsync();
        var options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = cluster.ConnectionString("slaapi_outage") };
        new DatabaseMigrator(options, NullLogger<DatabaseMigrator>.Instance).Migrate();
        await using var api = await ApiProcess.StartAsync(options);
        using var client = api.Client(api.PrintedKey);
        var incidentIds = await DefineIncidentsAsync(client);

        var answers = new ConcurrentBag<(string EventId, HttpStatusCode Status, bool RetryAfter, TimeSpan Took, DateTime At)>();
        var failures = new ConcurrentBag<string>();
        using var stopLoad = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stopLoad.IsCancellationRequested; i++)
            {
                var eventId = $"w{worker}-{i}";
                var took = Stopwatch.StartNew();
                try
                {
                    using var response = await client.PostAsJsonAsync($"/api/v1/incidents/{incidentIds[i % incidentIds.Length]}/events",
                        Definitions.Event(eventId, "updated", "2026-11-25T11:30:00Z"));
                    answers.Add((eventId, response.StatusCode, response.Headers.RetryAfter is not null, took.Elapsed, DateTime.UtcNow));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failures.Add($"{eventId}: no answer after {took.Elapsed}: {e.Message}");
                }
                await Task.Delay(20);
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2));
        await cluster.StopAsync();
        var stoppedAt = DateTime.UtcNow;
        var readiness = new List<HttpStatusCode>();
        while (DateTime.UtcNow - stoppedAt < Outage)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            readiness.Add((await client.GetAsync("/health/ready")).StatusCode);
        }
        await cluster.StartAgainAsync();
        var restartedAt = DateTime.UtcNow;
        await Task.Delay(Recovery + TimeSpan.FromSeconds(2));
        await stopLoad.CancelAsync();
        await Task.WhenAll(load);

        failures.Should().BeEmpty("every request is answered, within the HTTP timeout");
        answers.Where(a => a.Status != HttpStatusCode.Created && a.Status != HttpStatusCode.ServiceUnavailable)
            .Select(a => $"{a.EventId}: {(int)a.Status}").Should().BeEmpty("an outage is a 503, never a 500; the API said:\n{0}", api.Output);
        answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).Should().NotBeEmpty().And.OnlyContain(a => a.RetryAfter);
        answers.Should().OnlyContain(a => a.Took < NoHang, "no write hangs while the database is away");
        readiness.Should().Contain(HttpStatusCode.ServiceUnavailable, "the API is not ready while its database is away");
        answers.Where(a => a.At > restartedAt + Recovery).Should().NotBeEmpty()
            .And.OnlyContain(a => a.Status == HttpStatusCode.Created, $"within {Recovery.TotalSeconds} s of the database's return every write succeeds again");
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        // A fresh connection: the pooled ones of the migration above died with the server.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false }.ToString());
        var stored = (await connection.QueryAsync<string>("SELECT event_id FROM incident_events")).ToHashSet();
        stored.Should().Contain(answers.Where(a => a.Status == HttpStatusCode.Created).Select(a => a.EventId), "every acknowledged event is stored");
    }

    private static async Task<string[]> DefineIncidentsAsync(HttpClient client)
    {
        var customerId = await client.DefineCoveredCustomerAsync();
        return await Task.WhenAll(Enumerable.Range(0, 4).Select(i => client.CreateAsync("/api/v1/incidents", Definitions.Incident(customerId, $"T-{i}"))));
    }
}
