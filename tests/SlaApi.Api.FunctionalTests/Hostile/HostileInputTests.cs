using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Hostile;

/// <summary>
/// Every operation of the contract, sent hostile bodies and parameters: each valid body mutated at every position
/// (nulls, wrong types, extreme numbers, instants from year 1 to 9999, the Big List of Naughty Strings) and every
/// parameter given absurd values. No answer may be a 5xx, and every 4xx is a problem document.
/// </summary>
public sealed class HostileInputTests(TestEngine engine) : ApiTest(engine)
{
    private const int Seed = 20261201;
    private static readonly string[] NaughtyStrings = JsonSerializer.Deserialize<string[]>(
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Hostile", "blns.json")))!;

    private static readonly JsonNode?[] Extremes =
    [
        null, true, 0, -1, 1.5, int.MaxValue + 1L, long.MinValue, 1e308, -1e308, 5e-324, "", " ", new string('x', 10_000),
        new JsonObject(), new JsonArray(), new JsonArray((JsonNode?)null),
        "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-14:00",
        "1969-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "2026-02-30", "0001-01-01", "9999-12-31", "9999-12", "24:00", "23:59:60",
        "00000000-0000-0000-0000-000000000000", "P99999Y",
    ];

    private static readonly string[] ParameterValues =
    [
        "", "0", "-1", "2147483648", "-2147483649", "99999999999999999999", "1e308", "NaN", "true",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00",
        "0001-01", "9999-12", "2026-13", "00000000-0000-0000-0000-000000000000", "Etc/GMT+14", "../../etc/passwd",
    ];

    private readonly Random _random = new(Seed);
    private readonly List<string> _failures = [];
    private Dictionary<string, string> _ids = [];
    private string _inboundPath = "";
    private Dictionary<string, JsonNode> _validBodies = [];

    [SetUp]
    public async Task DefineAWorld()
    {
        _failures.Clear();
        var calendarId = Id(await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()));
        var policyId = Id(await CreateAsync("/api/v1/policies", Definitions.Policy(calendarId)));
        var customerId = Id(await CreateAsync("/api/v1/customers", Definitions.Customer()));
        var team = new { name = "Network", calendarId, vendor = "Fabrikam", olaTargets = new[] { new { priority = 1, acknowledgeMinutes = 30, resolveMinutes = 240 } } };
        var teamId = Id(await CreateAsync("/api/v1/teams", team));
        var agreementId = Id(await CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, policyId)));
        var incidentId = Id(await CreateAsync("/api/v1/incidents", Definitions.Incident(customerId, "T-1")));
        var keyId = Id((await CreateAsync("/api/v1/keys", new { name = "victim", scopes = new[] { "reports:read" } }))["details"]!);
        var webhook = new { url = "http://127.0.0.1:9/hooks", types = new[] { "clock.breached", "clock.threshold-reached" }, customerId, onlyDuringCoverage = true, renewalDays = 14 };
        var webhookId = Id((await CreateAsync("/api/v1/webhooks", webhook))["webhook"]!);
        var connectionRequest = new
        {
            kind = "autotask", name = "Autotask", secret = "s3cret",
            mapping = new { priorities = new Dictionary<string, int> { ["1"] = 1 }, statuses = new Dictionary<string, string> { ["5"] = "resolved" }, boards = new[] { "29683" }, serviceCode = "managed-workstations" },
        };
        var connection = await CreateAsync("/api/v1/connections", connectionRequest);
        _inboundPath = new Uri(connection["inboundUrl"]!.GetValue<string>()).AbsolutePath;
        var disputeId = Id(await CreateAsync($"/api/v1/incidents/{incidentId}/disputes", new { metric = "response", claim = "Answered by phone" }));
        var restatementId = Id(await CreateAsync($"/api/v1/agreements/{agreementId}/restatements", new { from = "2026-11-01T00:00:00Z", to = "2026-12-01T00:00:00Z", reason = "r" }));
        _ids = new()
        {
            ["calendars"] = calendarId, ["policies"] = policyId, ["teams"] = teamId, ["customers"] = customerId, ["agreements"] = agreementId,
            ["incidents"] = incidentId, ["keys"] = keyId, ["webhooks"] = webhookId, ["connections"] = Id(connection), ["disputes"] = disputeId, ["restatements"] = restatementId, ["source"] = "connectwise", ["externalId"] = "T-1", ["version"] = "1",
        };
        _validBodies = new()
        {
            ["AgreementRequest"] = Node(Definitions.Agreement(customerId, policyId)
                .With("creditRules", new object[]
                {
                    new { metric = "response", kind = "amount-per-breach", amountPerBreach = 50m, capAmount = 200m },
                    new { metric = "resolution", kind = "compliance-tier", tiers = new[] { new { belowPercent = 99m, creditPercent = 5m } } },
                })
                .With("creditCapPercent", 30m).With("timeZone", "Europe/London").With("exclusions", new[] { "Hardware" })
                .With("customerResponsibilities", new[] { "Be reachable" }).With("escalationContacts", new[] { new { level = 1, name = "Dana", email = "d@example.com" } })
                .With("paymentFrequency", "monthly").With("paymentDueDays", 30).With("paymentMethod", "card")),
            ["ApiKeyRequest"] = Node(new { name = "k", scopes = new[] { "sla:read" }, customerId, expiresAt = "2027-01-01T00:00:00Z" }),
            ["CalendarRequest"] = Node(Definitions.OfficeHoursNewYork()),
            ["DueDateRequest"] = Node(new { start = "2026-11-25T11:00:00Z", minutes = 240, version = 1 }),
            ["BusinessTimeRequest"] = Node(new
            {
                from = "2026-11-01T00:00:00Z", to = "2026-12-01T00:00:00Z", version = 1,
                pauses = new[] { new { from = "2026-11-02T00:00:00Z", to = "2026-11-03T00:00:00Z" } },
            }),
            ["CustomerRequest"] = Node(Definitions.Customer("Globex", "autotask", "77")),
            ["TeamRequest"] = Node(team),
            ["OpenIncidentRequest"] = Node(Definitions.Incident(customerId, "T-2").With("customerRef", new { source = "connectwise", id = "250" })),
            ["IncidentEventRequest"] = Node(Definitions.Event("e-1", "status-changed", "2026-11-25T11:30:00Z", status: "in-progress")),
            ["IncidentEventBatchRequest"] = Node(new
            {
                events = new object[]
                {
                    new { incidentId, eventId = "b-1", type = "priority-changed", occurredAt = "2026-11-25T11:10:00Z", priority = 3 },
                    new { source = "connectwise", externalId = "T-1", eventId = "b-2", type = "excluded", occurredAt = "2026-11-25T11:20:00Z", reason = "customer-caused" },
                },
            }),
            ["PolicyRequest"] = Node(Definitions.Policy(calendarId).With("warningThresholds", new[] { 50, 75 }).With("escalationPath", new[] { teamId })
                .With("responseTiers", new[] { new { name = "premium", monthlySurchargePercent = 20m, targets = new[] { new { priority = 1, responseMinutes = 5, resolutionMinutes = 60 } } } })),
            ["WhatIfRequest"] = Node(new
            {
                policy = Definitions.Policy(calendarId),
                terms = new { creditRules = new[] { new { metric = "response", kind = "amount-per-breach", amountPerBreach = 50m } }, creditCapPercent = 20m, responseTier = "standard" },
                agreementIds = new[] { agreementId }, customerIds = new[] { customerId }, from = "2026-10-01T00:00:00Z", to = "2026-11-01T00:00:00Z",
            }),
            ["RestatementRequest"] = Node(new { version = 1, from = "2026-11-01T00:00:00Z", to = "2026-12-01T00:00:00Z", reason = "Calendar corrected" }),
            ["DisputeRequest"] = Node(new { metric = "resolution", cycle = 1, claim = "Resolved on the phone", comment = "See the call log" }),
            ["DisputeReviewRequest"] = Node(new
            {
                decision = "upheld", reason = "Call log confirms", remedy = "correct", correctionType = "status-changed",
                correctionOccurredAt = "2026-11-25T11:05:00Z", correctionStatus = "in-progress",
            }),
            ["WebhookRequest"] = Node(webhook),
            ["ConnectionRequest"] = Node(connectionRequest),
            ["ConnectionRevisionRequest"] = Node(new { name = "Autotask", source = "autotask", connectionRequest.mapping }),
            ["SnapshotsRequest"] = Node(new { tickets = new[] { new { id = 1, companyID = 250, priority = 1, status = 1, title = "t" } } }),
        };
    }

    [Test]
    public async Task HostileBodies_NeverAnswer5xx()
    {
        foreach (var (method, path, schema) in await OperationsAsync())
        {
            if (schema is null)
                continue;
            _validBodies.Should().ContainKey(schema, $"every request body of the contract is fuzzed ({method} {path})");
            var url = Resolve(path);
            await SendAsync(method, url, _validBodies[schema].ToJsonString());
            foreach (var body in Mutations(_validBodies[schema]))
                await SendAsync(method, url, body);
            foreach (var raw in MalformedDocuments(_validBodies[schema].ToJsonString()))
                await SendAsync(method, url, raw);
        }

        AssertNoFailures();
    }

    [Test]
    public async Task HostileParameters_NeverAnswer5xx()
    {
        foreach (var (method, path, schema) in await OperationsAsync())
        {
            var body = schema is null ? null : _validBodies[schema].ToJsonString();
            foreach (var (name, location) in await ParametersAsync(method, path))
            {
                foreach (var value in ParameterValues.Concat(Sample(NaughtyStrings, 25)))
                {
                    var url = location == "path"
                        ? Resolve(path.Replace($"{{{name}}}", Uri.EscapeDataString(value)))
                        : $"{Resolve(path)}?{name}={Uri.EscapeDataString(value)}";
                    if (url.Contains("//", StringComparison.Ordinal) || url.EndsWith('/'))
                        continue;
                    await SendAsync(method, url, body);
                }
            }
        }

        AssertNoFailures();
    }

    private void AssertNoFailures() =>
        _failures.Should().BeEmpty($"{_failures.Count} hostile requests were mishandled:\n{string.Join('\n', _failures.Distinct().Take(60))}");

    private async Task SendAsync(string method, string url, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (method == "PUT")
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var status = (int)response.StatusCode;
        // The alert stream stays open while its client listens: its status and type say all there is to check.
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            return;
        var text = await response.Content.ReadAsStringAsync();
        if (status >= 500)
            _failures.Add($"{status} from {method} {url} {Shorten(body)}: {Shorten(text)}");
        else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            _failures.Add($"{status} without a problem document from {method} {url} {Shorten(body)}: {Shorten(text)}");
        else if (status >= 400 && (text.Contains("SlaApi.", StringComparison.Ordinal) || text.Contains("System.", StringComparison.Ordinal)))
            _failures.Add($"{status} naming an internal type from {method} {url} {Shorten(body)}: {Shorten(text)}");
    }

    /// <summary>Each position of the valid body given each extreme value and some naughty strings; arrays also get extra and null items.</summary>
    private IEnumerable<string> Mutations(JsonNode valid)
    {
        foreach (var position in Positions(valid))
        {
            foreach (var value in Extremes.Concat(Sample(NaughtyStrings, 6).Select(s => (JsonNode?)s)))
                yield return Replace(valid, position, value?.DeepClone());
            if (Locate(valid, position) is JsonArray { Count: > 0 } array)
            {
                yield return Replace(valid, position, new JsonArray([.. array.Select(i => i?.DeepClone()), null]));
                yield return Replace(valid, position, new JsonArray([.. Enumerable.Repeat(array[0], 50).Select(i => i?.DeepClone())]));
            }
        }
        foreach (var value in Extremes)
            yield return value?.ToJsonString() ?? "null";
    }

    private static IEnumerable<string> MalformedDocuments(string valid)
    {
        yield return "";
        yield return valid[..(valid.Length / 2)];
        yield return valid.Replace("\"", "'", StringComparison.Ordinal);
        yield return new string('[', 5_000) + new string(']', 5_000);
        yield return valid + valid;
        yield return "{\"\\u0000\": \"\\ud800\"}";
    }

    private static IEnumerable<string[]> Positions(JsonNode node, string[]? at = null)
    {
        at ??= [];
        if (at.Length > 0)
            yield return at;
        IEnumerable<(string Key, JsonNode? Child)> children = node switch
        {
            JsonObject o => o.Select(p => (p.Key, p.Value)),
            JsonArray a => a.Select((c, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), c)),
            _ => [],
        };
        foreach (var (key, child) in children)
        {
            if (child is null)
                yield return [.. at, key];
            else
                foreach (var nested in Positions(child, [.. at, key]))
                    yield return nested;
        }
    }

    private static JsonNode? Locate(JsonNode root, string[] position) =>
        position.Aggregate<string, JsonNode?>(root, (node, key) => node is JsonArray a ? a[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] : node?[key]);

    private static string Replace(JsonNode valid, string[] position, JsonNode? value)
    {
        var copy = valid.DeepClone();
        var parent = Locate(copy, position[..^1])!;
        if (parent is JsonArray array)
            array[int.Parse(position[^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        else
            parent[position[^1]] = value;
        return copy.ToJsonString();
    }

    private IEnumerable<string> Sample(string[] values, int count) => Enumerable.Range(0, count).Select(_ => values[_random.Next(values.Length)]);

    private async Task<IReadOnlyList<(string Method, string Path, string? Schema)>> OperationsAsync()
    {
        var paths = (await ContractAsync())["paths"]!.AsObject();
        return paths.SelectMany(p => p.Value!.AsObject().Select(o => (
            o.Key.ToUpperInvariant(),
            p.Key,
            o.Value!["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>().Split('/')[^1]))).ToList();
    }

    private async Task<IReadOnlyList<(string Name, string Location)>> ParametersAsync(string method, string path)
    {
        var operation = (await ContractAsync())["paths"]![path]![method.ToLowerInvariant()]!;
        return operation["parameters"]?.AsArray().Select(p => (p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>())).ToList() ?? [];
    }

    private JsonNode? _contract;

    private async Task<JsonNode> ContractAsync() =>
        _contract ??= JsonNode.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"))!;

    private string Resolve(string path)
    {
        var resource = path.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2) ?? "";
        if (path == "/api/v1/inbound/{connectionId}/{token}")
            return _inboundPath;
        return path
            .Replace("{id}", _ids.GetValueOrDefault(resource, Guid.Empty.ToString()), StringComparison.Ordinal)
            .Replace("{deliveryId}", Guid.Empty.ToString(), StringComparison.Ordinal)
            .Replace("{version}", _ids["version"], StringComparison.Ordinal)
            .Replace("{source}", _ids["source"], StringComparison.Ordinal)
            .Replace("{externalId}", _ids["externalId"], StringComparison.Ordinal);
    }

    private static string Id(JsonNode created) => created["id"]!.GetValue<string>();

    private static JsonNode Node(object value) => JsonSerializer.SerializeToNode(value, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 600 ? text : text[..600] + "…";
}
