using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using SlaApi.Api.OpenApi;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Contract;

/// <summary>The served OpenAPI document and api-spec/openapi.v1.json must never drift apart.</summary>
public sealed class OpenApiContractTests
{
    private const string ContractFile = "openapi.v1.json";
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };

    private SlaApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartApi()
    {
        var database = await TestDatabase.CreateMigratedAsync(TestEngine.Sqlite);
        _factory = new SlaApiFactory(database, new FakeTimeProvider());
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Test]
    public async Task LiveDocument_MatchesCheckedInContract()
    {
        var live = JsonNode.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json"))!.AsObject();
        var contractPath = RepoPaths.ApiSpec(ContractFile);
        var contract = File.Exists(contractPath) ? JsonNode.Parse(await File.ReadAllTextAsync(contractPath)) : null;

        if (JsonNode.DeepEquals(live, contract))
            return;
        var actualPath = RepoPaths.Artifact("openapi.v1.actual.json");
        await File.WriteAllTextAsync(actualPath, live.ToJsonString(Pretty) + "\n");
        Assert.Fail($"The served OpenAPI document differs from api-spec/{ContractFile}. If the change is intended, " +
                    $"copy {actualPath} over api-spec/{ContractFile} and commit it with the change.");
    }

    [Test]
    public async Task CheckedInContract_IsValidOpenApi()
    {
        var result = OpenApiDocument.Parse(await File.ReadAllTextAsync(RepoPaths.ApiSpec(ContractFile)), "json", new OpenApiReaderSettings());

        result.Diagnostic!.Errors.Should().BeEmpty();
        result.Diagnostic.Warnings.Should().BeEmpty();
        result.Document!.Paths.Should().ContainKey("/api/v1/calendars/{id}/due-date");
    }

    [Test]
    public async Task EveryOperation_IsDescribed_AndDocumentsItsProblemResponses()
    {
        var document = await ContractAsync();
        var operations = Operations(document);

        operations.Should().HaveCountGreaterThan(20);
        foreach (var (name, operation) in operations)
        {
            Text(operation, "operationId").Should().NotBeNullOrWhiteSpace(name);
            Text(operation, "summary").Should().NotBeNullOrWhiteSpace(name);
            Text(operation, "description").Should().NotBeNullOrWhiteSpace(name);
            var responses = operation["responses"]!.AsObject();
            responses.Select(r => r.Key).Should().Contain(["400", "401", "429", "503"], name);
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                response!["content"]!.AsObject().Select(c => c.Key).Should().Equal(["application/problem+json"], $"{name} {status}");
            if (operation["requestBody"] is not null)
                responses.Select(r => r.Key).Should().Contain(["413", "415"], name);
        }
        operations.Select(o => Text(o.Operation, "operationId")).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public async Task Contract_NamesItsServer_AndDescribesEveryTag()
    {
        var document = await ContractAsync();

        document["servers"]!.AsArray().Select(s => Text(s!, "url")).Should().Equal("http://127.0.0.1:5080");
        var described = document["tags"]!.AsArray().ToDictionary(t => Text(t!, "name")!, t => Text(t!, "description"));
        described.Values.Should().AllSatisfy(d => d.Should().NotBeNullOrWhiteSpace());
        Operations(document).SelectMany(o => o.Operation["tags"]!.AsArray().Select(t => t!.GetValue<string>()))
            .Distinct().Should().BeSubsetOf(described.Keys);
    }

    [Test]
    public async Task CsvAnswers_AreDocumentedAsText()
    {
        var csv = Operations(await ContractAsync())
            .SelectMany(o => o.Operation["responses"]!.AsObject().Select(r => r.Value!["content"]?["text/csv"]))
            .Where(content => content is not null)
            .ToArray();

        csv.Should().HaveCount(7, "the seven reports answer CSV");
        csv.Should().AllSatisfy(content => Text(content!["schema"]!, "type").Should().Be("string"));
    }

    [Test]
    public async Task RequestExamples_KeepToTheirSchemas_AndPassValidation()
    {
        var document = await ContractAsync();
        var examples = Operations(document)
            .Where(o => o.Operation["requestBody"]?["content"]?["application/json"]?["example"] is not null)
            .ToDictionary(o => Text(o.Operation, "operationId")!, o => (o.Name, Body: o.Operation["requestBody"]!["content"]!["application/json"]!["example"]!));
        examples.Keys.Should().BeEquivalentTo(RequestExamples.Bodies.Keys);
        _client.DefaultRequestHeaders.Authorization = new("Bearer", await _factory.IssueKeyAsync([Scopes.Admin]));

        foreach (var (operationId, (name, body)) in examples)
        {
            ContractValidator.Instance.CheckRequestBody(operationId, body.ToJsonString()).Should().BeNull(operationId);
            var parts = name.Split(' ');
            var url = parts[1].Replace("{id}", operationId.StartsWith("Calculate", StringComparison.Ordinal) ? "24x7" : Guid.NewGuid().ToString());
            using var request = new HttpRequestMessage(new HttpMethod(parts[0]), url) { Content = JsonContent.Create(body) };
            var response = await _client.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest)
                continue;
            var errors = JsonNode.Parse(answer)!["errors"]!.AsObject();
            errors.Should().AllSatisfy(error =>
                error.Value!.AsArray().Should().AllSatisfy(m => m!.GetValue<string>().Should().EndWith("does not exist.")),
                $"the example of {operationId} may refer to definitions that do not exist, and break no other rule: {answer}");
        }
    }

    [TestCase(200, "application/json", """{"id": "00000000-0000-0000-0000-000000002407", "unknown": 1}""", "a field the contract does not name")]
    [TestCase(200, "application/json", """{"id": 7}""", "a field of the wrong type")]
    [TestCase(200, "text/html", "<p>calendar</p>", "an undocumented content type")]
    [TestCase(418, "application/problem+json", """{"status": 418}""", "an undocumented status")]
    [TestCase(404, "application/json", """{"status": 404}""", "a problem not sent as problem+json")]
    public void ContractValidator_CatchesAResponseTheContractDoesNotDescribe(int status, string contentType, string body, string what)
    {
        ContractValidator.Instance.Check("GET", "/api/v1/calendars/24x7", status, contentType, body).Should().NotBeNull(what);
    }

    [Test]
    public void ContractValidator_PassesWhatTheContractDescribes_AndLeavesOtherPathsAlone()
    {
        ContractValidator.Instance.Check("GET", "/api/v1/calendars/24x7", 404, "application/problem+json", """{"title": "Not found", "status": 404}""")
            .Should().BeNull();
        ContractValidator.Instance.Check("GET", "/health/live", 200, "text/plain", "Healthy").Should().BeNull();
    }

    private static async Task<JsonNode> ContractAsync() => JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.ApiSpec(ContractFile)))!;

    private static (string Name, JsonNode Operation)[] Operations(JsonNode document) =>
        document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Name: $"{op.Key.ToUpperInvariant()} {path.Key}", Operation: op.Value!)))
            .ToArray();

    private static string? Text(JsonNode node, string field) => node[field]?.GetValue<string>();
}
