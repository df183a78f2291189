using Microsoft.AspNetCore.Http;
using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using SlaApi.Api.FunctionalTests.Nodes;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Observability;

/// <summary>What an operator's collectors read: the console log's lines and the metrics endpoint's settings.</summary>
public sealed class OperatorOutputTests
{
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";

    /// <summary>Started, as a service manager starts it, from a directory that is not the program's.</summary>
    [Test]
    public async Task ConsoleLog_IsOneJsonObjectPerLine_CarryingTheRequestsTraceId_WhereverTheProgramStarts()
    {
        var database = await TestDatabase.CreateMigratedAsync(TestEngine.Sqlite);
        var elsewhere = Directory.CreateTempSubdirectory("slaapi-cwd-").FullName;
        await using var api = await ApiProcess.StartAsync(database.Options, new Dictionary<string, string>
        {
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        }, workingDirectory: elsewhere);
        using var client = api.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/calendars");
        request.Headers.Add("traceparent", $"00-{TraceId}-b7ad6b7169203331-01");

        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var entries = await LogEntriesAsync(api, entry =>
            entry["Category"]!.GetValue<string>() == "Microsoft.AspNetCore.Hosting.Diagnostics" &&
            entry["Scopes"]!.AsArray().Any(scope => scope!["TraceId"]?.GetValue<string>() == TraceId));
        entries.Should().AllSatisfy(entry => entry["LogLevel"].Should().NotBeNull());
    }

    /// <summary>The JSON lines logged so far, once one matches <paramref name="awaited"/>: the console logger writes from a queue of its own.</summary>
    private static async Task<JsonNode[]> LogEntriesAsync(ApiProcess api, Func<JsonNode, bool> awaited)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var entries = api.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(line => line.StartsWith('{'))
                .Select(line => JsonNode.Parse(line)!)
                .ToArray();
            if (entries.Any(awaited))
                return entries;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"No such log entry within 10 s. The output:\n{api.Output}");
            await Task.Delay(100);
        }
    }

    [Test]
    public async Task OtlpEndpoint_ReceivesTracesAndMetrics_WhenSet()
    {
        var port = LoopbackPorts.Free();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new List<string>();
        var receiving = Task.Run(async () =>
        {
            while (received.Distinct().Count() < 2)
            {
                var context = await collector.GetContextAsync();
                if (context.Request.ContentType == "application/x-protobuf")
                    received.Add(context.Request.Url!.AbsolutePath);
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });
        var database = await TestDatabase.CreateMigratedAsync(TestEngine.Sqlite);
        await using var api = await ApiProcess.StartAsync(database.Options, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        using var client = api.Client(null);

        await client.GetAsync("/api/v1/calendars");

        (await Task.WhenAny(receiving, Task.Delay(TimeSpan.FromSeconds(20)))).Should().Be(receiving, "the collector should hear from the API within seconds");
        received.Should().Contain(["/v1/traces", "/v1/metrics"]);
    }

    [Test]
    public async Task MetricsPort_KeepsTheEndpointOffEveryOtherPort()
    {
        await using var factory = await StartAsync("Metrics:Port", "9464");
        using var client = await ClientWithKeyAsync(factory);

        (await client.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Host = "localhost:9464";
        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a Host header naming the port is not the port");

        var onThePort = await factory.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = "/metrics";
            context.Connection.LocalPort = 9464;
        });
        onThePort.Response.StatusCode.Should().Be(StatusCodes.Status200OK);
        var elsewhere = await factory.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = "/metrics";
            context.Request.Headers.Host = "localhost:9464";
            context.Connection.LocalPort = 8080;
        });
        elsewhere.Response.StatusCode.Should().Be(StatusCodes.Status404NotFound);
    }

    [Test]
    public async Task MetricsDisabled_HasNoEndpoint()
    {
        await using var factory = await StartAsync("Metrics:Enabled", "false");
        using var client = await ClientWithKeyAsync(factory);

        (await client.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static async Task<SlaApiFactory> StartAsync(string setting, string value) =>
        new(await TestDatabase.CreateMigratedAsync(TestEngine.Sqlite), new FakeTimeProvider(), new Dictionary<string, string?> { [setting] = value });

    /// <summary>With a key, a path no endpoint answers is 404 (without one, every unknown path is 401).</summary>
    private static async Task<HttpClient> ClientWithKeyAsync(SlaApiFactory factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await factory.IssueKeyAsync([Scopes.Admin]));
        return client;
    }
}
