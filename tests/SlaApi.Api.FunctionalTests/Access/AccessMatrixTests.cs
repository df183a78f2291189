using System.Net;
using System.Text;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SlaApi.Api.Endpoints;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Access;

/// <summary>
/// Calls every endpoint of the running application with every kind of key and checks the status each must get.
/// The rules below are written out here, apart from the code they check: an endpoint added without a rule fails.
/// </summary>
public sealed class AccessMatrixTests(TestEngine engine) : ApiTest(engine)
{
    private const string Anonymous = "anonymous";

    private static readonly Dictionary<string, string> Rules = new()
    {
        ["GET /health/live"] = Anonymous,
        ["GET /health/ready"] = Anonymous,
        ["GET /metrics"] = Anonymous,
        ["POST /api/v1/calendars/"] = Scopes.DefinitionsWrite,
        ["GET /api/v1/calendars/"] = Scopes.DefinitionsRead,
        ["GET /api/v1/calendars/{id}"] = Scopes.DefinitionsRead,
        ["GET /api/v1/calendars/{id}/versions/{version:int}"] = Scopes.DefinitionsRead,
        ["PUT /api/v1/calendars/{id}"] = Scopes.DefinitionsWrite,
        ["POST /api/v1/calendars/{id}/due-date"] = Scopes.DefinitionsRead,
        ["POST /api/v1/calendars/{id}/business-time"] = Scopes.DefinitionsRead,
        ["POST /api/v1/policies/"] = Scopes.DefinitionsWrite,
        ["GET /api/v1/policies/"] = Scopes.DefinitionsRead,
        ["GET /api/v1/policies/{id:guid}"] = Scopes.DefinitionsRead,
        ["GET /api/v1/policies/{id:guid}/versions/{version:int}"] = Scopes.DefinitionsRead,
        ["PUT /api/v1/policies/{id:guid}"] = Scopes.DefinitionsWrite,
        ["POST /api/v1/teams/"] = Scopes.DefinitionsWrite,
        ["GET /api/v1/teams/"] = Scopes.DefinitionsRead,
        ["GET /api/v1/teams/{id:guid}"] = Scopes.DefinitionsRead,
        ["GET /api/v1/teams/{id:guid}/versions/{version:int}"] = Scopes.DefinitionsRead,
        ["PUT /api/v1/teams/{id:guid}"] = Scopes.DefinitionsWrite,
        ["POST /api/v1/customers/"] = Scopes.DefinitionsWrite,
        ["GET /api/v1/customers/"] = Scopes.DefinitionsRead,
        ["GET /api/v1/customers/{id:guid}"] = Scopes.DefinitionsRead,
        ["GET /api/v1/customers/{id:guid}/agreements"] = Scopes.DefinitionsRead,
        ["POST /api/v1/agreements/"] = Scopes.DefinitionsWrite,
        ["GET /api/v1/agreements/"] = Scopes.DefinitionsRead,
        ["GET /api/v1/agreements/expiring"] = Scopes.DefinitionsRead,
        ["GET /api/v1/agreements/refresh-advice"] = Scopes.ReportsRead,
        ["GET /api/v1/agreements/{id:guid}"] = Scopes.DefinitionsRead,
        ["GET /api/v1/agreements/{id:guid}/versions/{version:int}"] = Scopes.DefinitionsRead,
        ["GET /api/v1/agreements/{id:guid}/document"] = Scopes.DefinitionsRead,
        ["GET /api/v1/agreements/{id:guid}/versions/{version:int}/document"] = Scopes.DefinitionsRead,
        ["PUT /api/v1/agreements/{id:guid}"] = Scopes.DefinitionsWrite,
        ["POST /api/v1/incidents/"] = Scopes.IncidentsWrite,
        ["POST /api/v1/incidents/{id:guid}/events"] = Scopes.IncidentsWrite,
        ["POST /api/v1/incidents/events:batch"] = Scopes.IncidentsWrite,
        ["GET /api/v1/incidents/"] = Scopes.SlaRead,
        ["GET /api/v1/incidents/{id:guid}"] = Scopes.SlaRead,
        ["GET /api/v1/incidents/{id:guid}/timeline"] = Scopes.SlaRead,
        ["GET /api/v1/incidents/{id:guid}/cycles"] = Scopes.SlaRead,
        ["GET /api/v1/incidents/{id:guid}/olas"] = Scopes.SlaRead,
        ["GET /api/v1/incidents/by-ref/{source}/{externalId}"] = Scopes.SlaRead,
        ["GET /api/v1/queue"] = Scopes.SlaRead,
        ["GET /api/v1/reports/compliance"] = Scopes.ReportsRead,
        ["GET /api/v1/reports/response-times"] = Scopes.ReportsRead,
        ["GET /api/v1/reports/breaches"] = Scopes.ReportsRead,
        ["GET /api/v1/reports/credits"] = Scopes.ReportsRead,
        ["GET /api/v1/reports/renewals"] = Scopes.ReportsRead,
        ["POST /api/v1/keys/"] = Scopes.Admin,
        ["GET /api/v1/keys/"] = Scopes.Admin,
        ["DELETE /api/v1/keys/{id:guid}"] = Scopes.Admin,
        ["GET /api/v1/alerts/"] = Scopes.SlaRead,
        ["GET /api/v1/alerts/stream"] = Scopes.SlaRead,
        ["POST /api/v1/webhooks/"] = Scopes.WebhooksWrite,
        ["GET /api/v1/webhooks/"] = Scopes.WebhooksWrite,
        ["GET /api/v1/webhooks/{id:guid}"] = Scopes.WebhooksWrite,
        ["DELETE /api/v1/webhooks/{id:guid}"] = Scopes.WebhooksWrite,
        ["POST /api/v1/webhooks/{id:guid}/secret"] = Scopes.WebhooksWrite,
        ["GET /api/v1/webhooks/{id:guid}/deliveries"] = Scopes.WebhooksWrite,
        ["POST /api/v1/webhooks/{id:guid}/deliveries/{deliveryId:guid}/retry"] = Scopes.WebhooksWrite,
        ["POST /api/v1/connections/"] = Scopes.ConnectionsWrite,
        ["GET /api/v1/connections/"] = Scopes.ConnectionsWrite,
        ["GET /api/v1/connections/{id:guid}"] = Scopes.ConnectionsWrite,
        ["PUT /api/v1/connections/{id:guid}"] = Scopes.ConnectionsWrite,
        ["DELETE /api/v1/connections/{id:guid}"] = Scopes.ConnectionsWrite,
        ["GET /api/v1/connections/{id:guid}/deliveries"] = Scopes.ConnectionsWrite,
        ["GET /api/v1/connections/{id:guid}/deliveries/{deliveryId:guid}"] = Scopes.ConnectionsWrite,
        ["POST /api/v1/connections/{id:guid}/deliveries/{deliveryId:guid}/reprocess"] = Scopes.ConnectionsWrite,
        ["POST /api/v1/connections/{id:guid}/snapshots"] = Scopes.ConnectionsWrite,
        ["POST /api/v1/inbound/{connectionId:guid}/{token}"] = Anonymous,
        ["POST /api/v1/incidents/{id:guid}/disputes"] = Scopes.DisputesWrite,
        ["GET /api/v1/incidents/{id:guid}/disputes"] = Scopes.SlaRead,
        ["GET /api/v1/disputes/"] = Scopes.SlaRead,
        ["GET /api/v1/disputes/{id:guid}"] = Scopes.SlaRead,
        ["POST /api/v1/disputes/{id:guid}/review"] = Scopes.DisputesReview,
        ["GET /api/v1/reports/disputes"] = Scopes.ReportsRead,
        ["GET /api/v1/reports/pauses"] = Scopes.ReportsRead,
        ["POST /api/v1/simulations/"] = Scopes.ReportsRead,
        ["GET /api/v1/simulations/{id:guid}"] = Scopes.ReportsRead,
        ["GET /api/v1/simulations/{id:guid}/flips"] = Scopes.ReportsRead,
        ["POST /api/v1/agreements/{id:guid}/restatements"] = Scopes.DefinitionsWrite,
        ["GET /api/v1/agreements/{id:guid}/restatements"] = Scopes.ReportsRead,
        ["GET /api/v1/restatements/{id:guid}"] = Scopes.ReportsRead,
        ["GET /api/v1/restatements/{id:guid}/incidents"] = Scopes.ReportsRead,
        ["POST /api/v1/restatements/{id:guid}/revert"] = Scopes.DefinitionsWrite,
    };

    /// <summary>Endpoints whose {id} names one customer's record: a key bound to another customer must get 404.</summary>
    private static readonly HashSet<string> OfOneCustomer =
    [
        "GET /api/v1/customers/{id:guid}",
        "GET /api/v1/customers/{id:guid}/agreements",
        "GET /api/v1/agreements/{id:guid}",
        "GET /api/v1/agreements/{id:guid}/versions/{version:int}",
        "GET /api/v1/agreements/{id:guid}/document",
        "GET /api/v1/agreements/{id:guid}/versions/{version:int}/document",
        "GET /api/v1/incidents/{id:guid}",
        "GET /api/v1/incidents/{id:guid}/timeline",
        "GET /api/v1/incidents/{id:guid}/cycles",
        "GET /api/v1/incidents/{id:guid}/olas",
        "GET /api/v1/incidents/by-ref/{source}/{externalId}",
        "GET /api/v1/incidents/{id:guid}/disputes",
        "GET /api/v1/disputes/{id:guid}",
        "GET /api/v1/simulations/{id:guid}",
        "GET /api/v1/simulations/{id:guid}/flips",
        "GET /api/v1/agreements/{id:guid}/restatements",
        "GET /api/v1/restatements/{id:guid}",
        "GET /api/v1/restatements/{id:guid}/incidents",
    ];

    /// <summary>The query an endpoint needs before it runs at all.</summary>
    private static readonly Dictionary<string, string> RequiredQueries = new()
    {
        ["/api/v1/reports/compliance"] = "?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z",
        ["/api/v1/reports/response-times"] = "?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z",
        ["/api/v1/reports/breaches"] = "?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z",
        ["/api/v1/reports/credits"] = "?month=2026-10",
        ["/api/v1/reports/disputes"] = "?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z",
        ["/api/v1/reports/pauses"] = "?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z",
    };

    private Dictionary<string, string> _ids = [];
    private string _inboundPath = "";
    private string _deliveryId = "";

    [SetUp]
    public async Task DefineOneOfEverything()
    {
        var calendar = await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork());
        var policy = await CreateAsync("/api/v1/policies", Definitions.Policy(calendar["id"]!.GetValue<string>()));
        var customer = await CreateAsync("/api/v1/customers", Definitions.Customer("Customer A"));
        var team = await CreateAsync("/api/v1/teams", new { name = "Service desk", calendarId = calendar["id"] });
        var agreement = await CreateAsync("/api/v1/agreements", Definitions.Agreement(customer["id"]!.GetValue<string>(), policy["id"]!.GetValue<string>()));
        var victimKey = await CreateAsync("/api/v1/keys", new { name = "to be revoked", scopes = new[] { Scopes.SlaRead } });
        var incident = await CreateAsync("/api/v1/incidents", Definitions.Incident(customer["id"]!.GetValue<string>(), "T-1"));
        var webhook = await CreateAsync("/api/v1/webhooks", new { url = "http://127.0.0.1:9/hooks", types = new[] { "clock.breached" } });
        var connection = await CreateAsync("/api/v1/connections", new { kind = "ninjaone", name = "NinjaOne" });
        _inboundPath = new Uri(connection["inboundUrl"]!.GetValue<string>()).AbsolutePath;
        (await PostAsync(_inboundPath, new { id = 1 })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        _deliveryId = (await ReadAsync(await Client.GetAsync($"/api/v1/connections/{connection["id"]}/deliveries")))
            .AsArray()[0]!["id"]!.GetValue<string>();
        var dispute = await CreateAsync($"/api/v1/incidents/{incident["id"]}/disputes", new { metric = "response", claim = "Answered by phone" });
        var restatement = await CreateAsync($"/api/v1/agreements/{agreement["id"]}/restatements", new
        {
            from = "2026-11-01T00:00:00Z", to = "2026-12-01T00:00:00Z", reason = "Holiday calendar corrected",
        });
        var simulation = await ReadAsync(await PostAsync("/api/v1/simulations", new
        {
            terms = new { creditCapPercent = 10 }, agreementIds = new[] { agreement["id"] }, from = "2026-01-01T00:00:00Z", to = "2026-12-01T00:00:00Z",
        }));
        _ids = new Dictionary<string, string>
        {
            ["connections"] = connection["id"]!.GetValue<string>(),
            ["calendars"] = calendar["id"]!.GetValue<string>(),
            ["policies"] = policy["id"]!.GetValue<string>(),
            ["teams"] = team["id"]!.GetValue<string>(),
            ["customers"] = customer["id"]!.GetValue<string>(),
            ["agreements"] = agreement["id"]!.GetValue<string>(),
            ["keys"] = victimKey["details"]!["id"]!.GetValue<string>(),
            ["incidents"] = incident["id"]!.GetValue<string>(),
            ["webhooks"] = webhook["webhook"]!["id"]!.GetValue<string>(),
            ["disputes"] = dispute["id"]!.GetValue<string>(),
            ["simulations"] = simulation["id"]!.GetValue<string>(),
            ["restatements"] = restatement["id"]!.GetValue<string>(),
        };
    }

    [Test]
    public void EveryEndpoint_HasAnAccessRule()
    {
        var endpoints = Endpoints().Select(e => e.Name).ToArray();

        endpoints.Should().BeSubsetOf(Rules.Keys, "every endpoint needs a rule in this matrix");
        Rules.Keys.Should().BeSubsetOf(endpoints, "every rule should name a live endpoint");
    }

    [TestCase("no key")]
    [TestCase("malformed key")]
    [TestCase("unknown key")]
    [TestCase("revoked key")]
    [TestCase("expired key")]
    public async Task InvalidKeys_Get401Everywhere_ButHealth(string kind)
    {
        var key = await KeyOfKind(kind);
        using var client = ClientWithKey(key);

        var mismatches = new List<string>();
        foreach (var (name, method, url) in Endpoints())
        {
            var response = await SendAsync(client, method, url);
            var expected = Rules[name] == Anonymous ? (method == "POST" ? HttpStatusCode.Accepted : HttpStatusCode.OK) : HttpStatusCode.Unauthorized;
            if (response.StatusCode != expected)
                mismatches.Add($"{name}: {(int)response.StatusCode}, expected {(int)expected}");
            else if (expected == HttpStatusCode.Unauthorized && !response.Headers.WwwAuthenticate.Any())
                mismatches.Add($"{name}: 401 without WWW-Authenticate");
        }

        mismatches.Should().BeEmpty();
    }

    [TestCase(Scopes.Admin)]
    [TestCase(Scopes.DefinitionsRead)]
    [TestCase(Scopes.DefinitionsWrite)]
    [TestCase(Scopes.IncidentsWrite)]
    [TestCase(Scopes.SlaRead)]
    [TestCase(Scopes.ReportsRead)]
    [TestCase(Scopes.WebhooksWrite)]
    [TestCase(Scopes.ConnectionsWrite)]
    [TestCase(Scopes.DisputesWrite)]
    [TestCase(Scopes.DisputesReview)]
    public async Task KeyOfOneScope_ReachesWhatItsScopeAllows(string scope)
    {
        using var client = ClientWithKey(await Factory.IssueKeyAsync([scope]));

        var mismatches = new List<string>();
        foreach (var (name, method, url) in Endpoints())
        {
            var rule = Rules[name];
            var allowed = rule is Anonymous || Grants(scope, rule);
            var status = (await SendAsync(client, method, url)).StatusCode;
            if (!allowed && status != HttpStatusCode.Forbidden)
                mismatches.Add($"{name}: {(int)status}, expected 403");
            if (allowed && !Reached(method, status))
                mismatches.Add($"{name}: {(int)status}, expected the operation to run");
        }

        mismatches.Should().BeEmpty();
    }

    [Test]
    public async Task KeyBoundToAnotherCustomer_FindsNothingOfThisOne()
    {
        var other = await CreateAsync("/api/v1/customers", Definitions.Customer("Customer B", "psa", "b"));
        string[] scopes = [Scopes.SlaRead, Scopes.ReportsRead];
        using var client = ClientWithKey(await Factory.IssueKeyAsync(scopes, other["id"]!.GetValue<Guid>()));

        var mismatches = new List<string>();
        foreach (var (name, method, url) in Endpoints())
        {
            var rule = Rules[name];
            var status = (await SendAsync(client, method, url)).StatusCode;
            var expected = rule is not Anonymous && !scopes.Any(scope => Grants(scope, rule)) ? HttpStatusCode.Forbidden
                : OfOneCustomer.Contains(name) ? HttpStatusCode.NotFound
                : (HttpStatusCode?)null;
            if (expected is { } exact ? status != exact : !Reached(method, status))
                mismatches.Add($"{name}: {(int)status}, expected {(expected is null ? "the operation to run" : ((int)expected).ToString())}");
        }

        mismatches.Should().BeEmpty();
    }

    /// <summary>Whether a key holding <paramref name="scope"/> passes an endpoint that needs <paramref name="rule"/>.</summary>
    private static bool Grants(string scope, string rule) =>
        scope == rule || scope == Scopes.Admin || (rule == Scopes.DefinitionsRead && Scopes.DefinitionReaders.Contains(scope));

    private static bool Reached(string method, HttpStatusCode status) =>
        method == "GET" ? status == HttpStatusCode.OK : status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)status < 500;

    private async Task<string?> KeyOfKind(string kind)
    {
        switch (kind)
        {
            case "no key":
                return null;
            case "malformed key":
                return "not-a-key";
            case "unknown key":
                return "sla_0123456789ab_" + new string('A', 43);
            case "revoked key":
                var revoked = await CreateAsync("/api/v1/keys", new { name = "revoked", scopes = new[] { Scopes.Admin } });
                (await Client.DeleteAsync($"/api/v1/keys/{revoked["details"]!["id"]}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
                return revoked["key"]!.GetValue<string>();
            default:
                var expiring = await Factory.IssueKeyAsync([Scopes.Admin], expiresAt: Now.AddMinutes(5));
                Time.Advance(TimeSpan.FromMinutes(6));
                return expiring;
        }
    }

    /// <summary>Every endpoint, deletions last, so each record is still there for the others.</summary>
    private IEnumerable<(string Name, string Method, string Url)> Endpoints()
    {
        var source = Factory.Services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => ($"{method} {endpoint.RoutePattern.RawText}", method, Url(endpoint.RoutePattern.RawText!))))
            .OrderBy(e => e.method == "DELETE")
            .ToArray();
    }

    private string Url(string pattern)
    {
        var resource = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2) ?? "";
        if (pattern.StartsWith(ConnectionEndpoints.InboundPrefix, StringComparison.Ordinal))
            return _inboundPath;
        return pattern
            .Replace("{source}/{externalId}", "connectwise/T-1")
            .Replace("{id:guid}", _ids.GetValueOrDefault(resource, ""))
            .Replace("{id}", _ids.GetValueOrDefault(resource, ""))
            .Replace("{deliveryId:guid}", _deliveryId)
            .Replace("{version:int}", "1") + RequiredQueries.GetValueOrDefault(pattern, "");
    }

    /// <summary>Only the status and headers are read: the alert stream does not end while its client listens.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.Dispose();
        return response;
    }
}
