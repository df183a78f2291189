using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Observability;

/// <summary>Real requests, then what the in-memory exporters and the Prometheus endpoint saw of them.</summary>
[TestFixtureSource(typeof(TestEngines), nameof(TestEngines.All))]
public sealed class TelemetryTests(TestEngine engine)
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    private readonly List<Metric> _metrics = [];
    private readonly List<Activity> _spans = [];
    private readonly FakeTimeProvider _time = new(ApiTest.Now);
    private TestDatabase _database = null!;
    private SlaApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartApi()
    {
        _database = await TestDatabase.CreateMigratedAsync(engine);
        _factory = new SlaApiFactory(_database, _time, new Dictionary<string, string?> { ["Tracing:Enabled"] = "true" }, services => services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddInMemoryExporter(_metrics, reader => reader.TemporalityPreference = MetricReaderTemporalityPreference.Delta))
            .WithTracing(tracing => tracing.AddInMemoryExporter(_spans)));
        _client = _factory.CreateClient();
    }

    /// <summary>Also after a set-up that found no database, when nothing was started.</summary>
    [OneTimeTearDown]
    public async Task StopApi()
    {
        _client?.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
    }

    [Test]
    public async Task WriterMetrics_CountWhatWasCommitted()
    {
        var incidentId = await OpenLateIncidentAsync("T-metrics");
        await PostEventsAsync(incidentId, ("dup", "updated", "2026-11-25T11:05:00Z"));
        await PostEventsAsync(incidentId, ("dup", "updated", "2026-11-25T11:05:00Z"));
        (await _client.GetAsync("/api/v1/reports/compliance?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z")).EnsureSuccessStatusCode();

        var metrics = Collect();

        Sum(metrics, "slaapi.events.ingested", ("slaapi.event.outcome", "recorded")).Should().Be(2, "the late response and the first 'dup'");
        Sum(metrics, "slaapi.events.ingested", ("slaapi.event.outcome", "duplicate")).Should().Be(1);
        Sum(metrics, "slaapi.clocks.breached").Should().Be(1, "the P1 was answered after 40 minutes of a 15-minute target");
        HistogramCount(metrics, "slaapi.writer.batch.size").Should().Be(3);
        HistogramCount(metrics, "slaapi.writer.commit.duration").Should().Be(3);
        metrics.Should().Contain(m => m.Name == "slaapi.writer.queue.depth");
        HistogramCount(metrics, "http.server.request.duration", ("http.route", "/api/v1/reports/compliance")).Should().Be(1);
        metrics.Should().Contain(m => m.Name == "dotnet.gc.collections", "the runtime instrumentation is on");
    }

    [Test]
    public async Task AnEventsRequest_CanBeFollowedIntoTheWritersCommitAndTheDatabase()
    {
        var incidentId = await OpenLateIncidentAsync("T-trace");
        _factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
        _spans.Clear();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/incidents/{incidentId}/events")
        {
            Content = JsonContent.Create(Definitions.Event("traced", "updated", "2026-11-25T11:30:00Z")),
        };
        request.Headers.Add("traceparent", $"00-{TraceId}-00f067aa0ba902b7-01");
        (await _client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Created);
        _factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var server = _spans.Should().ContainSingle(s => s.Kind == ActivityKind.Server && s.TraceId.ToHexString() == TraceId).Subject;
        server.GetTagItem("http.route").Should().Be("/api/v1/incidents/{id:guid}/events");
        var commit = _spans.Should().ContainSingle(s => s.DisplayName == "writer.commit").Subject;
        commit.Links.Select(l => l.Context.SpanId).Should().Contain(server.SpanId, "the commit names the request it answered");
        commit.GetTagItem("slaapi.writer.batch.size").Should().Be(1);
        if (engine == TestEngine.Postgres)
            _spans.Should().Contain(s => s.Source.Name == "Npgsql" && s.ParentSpanId == commit.SpanId, "the commit's statements are its children");
    }

    [Test]
    public async Task MetricsEndpoint_AnswersPrometheusTextWithoutAKey()
    {
        await OpenLateIncidentAsync("T-scrape");
        using var anonymous = _factory.CreateClient();

        var response = await anonymous.GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain("slaapi_writer_queue_depth").And.Contain("http_server_request_duration_seconds_bucket");
    }

    private async Task<string> OpenLateIncidentAsync(string externalId)
    {
        await _database.ResetAsync();
        _client.DefaultRequestHeaders.Authorization = new("Bearer", await _factory.IssueKeyAsync([Scopes.Admin]));
        var customerId = await _client.DefineCoveredCustomerAsync();
        Collect();
        var incidentId = await _client.CreateAsync("/api/v1/incidents", Definitions.Incident(customerId, externalId));
        await PostEventsAsync(incidentId, ("late", "responded", "2026-11-25T11:40:00Z"));
        return incidentId;
    }

    private async Task PostEventsAsync(string incidentId, params (string Id, string Type, string At)[] events)
    {
        foreach (var (id, type, at) in events)
        {
            var response = await _client.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/events", Definitions.Event(id, type, at));
            response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>The metrics since the last collection: the exporter is cumulative, so the list is emptied first.</summary>
    private List<Metric> Collect()
    {
        _metrics.Clear();
        _factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        return [.. _metrics];
    }

    private static IEnumerable<MetricPoint> Points(List<Metric> metrics, string name, (string Key, string Value)[] tags)
    {
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var pointTags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                    pointTags[tag.Key] = tag.Value;
                if (tags.All(t => Equals(pointTags.GetValueOrDefault(t.Key), t.Value)))
                    yield return point;
            }
        }
    }

    private static long Sum(List<Metric> metrics, string name, params (string Key, string Value)[] tags) =>
        Points(metrics, name, tags).Sum(p => p.GetSumLong());

    private static long HistogramCount(List<Metric> metrics, string name, params (string Key, string Value)[] tags) =>
        Points(metrics, name, tags).Sum(p => p.GetHistogramCount());
}
