using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
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
        live.Remove("servers");
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
    public async Task EveryOperation_HasAnIdASummaryAndItsProblemResponses()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.ApiSpec(ContractFile)))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Name: $"{op.Key.ToUpperInvariant()} {path.Key}", Operation: op.Value!)))
            .ToArray();

        operations.Should().HaveCountGreaterThan(20);
        foreach (var (name, operation) in operations)
        {
            operation["operationId"]?.GetValue<string>().Should().NotBeNullOrEmpty(name);
            operation["summary"]?.GetValue<string>().Should().NotBeNullOrEmpty(name);
            operation["responses"]!.AsObject().Select(r => r.Key).Should().Contain("400", name);
        }
        operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
    }
}
