using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests;

/// <summary>Runs the fixture once per engine, through HTTP, on a database of its own emptied before each test.</summary>
[TestFixtureSource(typeof(TestEngines), nameof(TestEngines.All))]
public abstract class ApiTest(TestEngine engine)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private SlaApiFactory? _factory;

    protected SlaApiFactory Factory => _factory!;

    protected FakeTimeProvider Time { get; } = new(Now);

    protected HttpClient Client { get; private set; } = null!;

    protected TestEngine Engine => engine;

    [OneTimeSetUp]
    public async Task StartApi()
    {
        var database = await TestDatabase.CreateMigratedAsync(engine);
        _factory = new SlaApiFactory(database, Time);
        Client = _factory.CreateClient();
        Database = database;
    }

    protected TestDatabase Database { get; private set; } = null!;

    [OneTimeTearDown]
    public async Task StopApi()
    {
        Client?.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
    }

    /// <summary>An empty database, the clock at <see cref="Now"/>, and a client holding a fresh admin key.</summary>
    [SetUp]
    public async Task ResetDatabase()
    {
        await Database.ResetAsync();
        Time.AdjustTime(Now);
        Client.DefaultRequestHeaders.Authorization = new("Bearer", await Factory.IssueKeyAsync([Scopes.Admin], name: "test admin"));
    }

    /// <summary>A client of the same API that presents <paramref name="key"/> (none when null).</summary>
    protected HttpClient ClientWithKey(string? key)
    {
        var client = Factory.CreateClient();
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    protected Task<HttpResponseMessage> PostAsync(string url, object body) => Client.PostAsJsonAsync(url, body);

    protected Task<HttpResponseMessage> PutAsync(string url, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Client.SendAsync(request);
    }

    protected Task<HttpResponseMessage> PostRawAsync(string url, string json, string contentType = "application/json") =>
        Client.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, contentType));

    protected static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new AssertionException("Empty response body.");

    /// <summary>
    /// Opens <paramref name="incident"/> (a body as <see cref="Common.Definitions.Incident"/> gives) and records its first
    /// response and its resolution the given minutes after it opened; answers its id.
    /// </summary>
    protected async Task<string> OpenAnsweredAsync(Dictionary<string, object?> incident, int responseMinutes, int resolutionMinutes)
    {
        var openedAt = DateTimeOffset.Parse((string)incident["openedAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        var id = (await CreateAsync("/api/v1/incidents", incident))["id"]!.GetValue<string>();
        foreach (var (eventId, type, minutes) in new[] { ("r", "responded", responseMinutes), ("x", "resolved", resolutionMinutes) })
        {
            var response = await PostAsync($"/api/v1/incidents/{id}/events", Common.Definitions.Event(eventId, type, openedAt.AddMinutes(minutes).ToString("O")));
            if (!response.IsSuccessStatusCode)
                Assert.Fail($"Event refused: {await response.Content.ReadAsStringAsync()}");
        }
        return id;
    }

    /// <summary>Creates a definition and returns its body, failing the test when it is not created.</summary>
    protected async Task<JsonNode> CreateAsync(string url, object body)
    {
        var response = await PostAsync(url, body);
        var content = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
            Assert.Fail($"POST {url} answered {(int)response.StatusCode}: {content}");
        return JsonNode.Parse(content)!;
    }
}
