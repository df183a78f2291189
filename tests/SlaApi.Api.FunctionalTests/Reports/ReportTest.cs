using System.Text.Json.Nodes;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Reports;

/// <summary>
/// Two customers on a 24x7 policy (P1: response 37, resolution 233, update 121 minutes; P2: response 61, resolution
/// 487; pause status "waiting-customer"), with the seeded incidents of <see cref="ReportDataSet"/> posted through the API.
/// </summary>
public abstract class ReportTest(TestEngine engine) : ApiTest(engine)
{
    protected const int IncidentsPerCustomer = 40;

    protected string PolicyId { get; private set; } = "";

    protected IReadOnlyList<string> CustomerIds { get; private set; } = [];

    protected IReadOnlyDictionary<string, string> AgreementIds { get; private set; } = new Dictionary<string, string>();

    protected ReportDataSet Data { get; private set; } = null!;

    [SetUp]
    public async Task PostDataSet()
    {
        PolicyId = (await CreateAsync("/api/v1/policies", new Dictionary<string, object?>
        {
            ["name"] = "Around the clock",
            ["calendarId"] = Definitions.TwentyFourSeven,
            ["targets"] = ReportDataSet.Targets.Select(t => new
            {
                priority = t.Key, responseMinutes = t.Value.Response, resolutionMinutes = t.Value.Resolution, updateMinutes = t.Value.Update,
            }).ToArray(),
            ["pauseStatuses"] = new[] { ReportDataSet.PauseStatus },
        }))["id"]!.GetValue<string>();

        var customers = new List<string>();
        var agreements = new Dictionary<string, string>();
        foreach (var name in new[] { "Acme", "Globex" })
        {
            var customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer(name, "connectwise", name)))["id"]!.GetValue<string>();
            customers.Add(customerId);
            agreements[customerId] = (await CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, PolicyId, "managed-workstations", "backup")
                .With("creditRules", new object[]
                {
                    new { metric = "response", percentOfMonthlyFeePerBreach = 2, capPercent = 10 },
                    new { metric = "resolution", percentOfMonthlyFeePerBreach = 5, capPercent = 20 },
                })))["id"]!.GetValue<string>();
        }
        CustomerIds = customers;
        AgreementIds = agreements;
        Data = ReportDataSet.Generate(20261125, customers, IncidentsPerCustomer);

        var events = new List<object>();
        foreach (var incident in Data.Incidents)
        {
            await CreateAsync("/api/v1/incidents", new Dictionary<string, object?>
            {
                ["source"] = "connectwise",
                ["externalId"] = incident.ExternalId,
                ["customerId"] = incident.CustomerId,
                ["title"] = "Generated",
                ["priority"] = incident.OpenedPriority,
                ["serviceCode"] = incident.Service,
                ["status"] = "new",
                ["openedAt"] = incident.OpenedAt,
            });
            events.AddRange(incident.Events.Select(e => new
            {
                source = "connectwise", externalId = incident.ExternalId, eventId = e.EventId, type = e.Type, occurredAt = e.OccurredAt,
                status = e.Status, priority = e.Priority, reason = e.Type == "excluded" ? "maintenance" : null,
            }));
        }
        foreach (var batch in events.Chunk(500))
        {
            var results = (await ReadAsync(await PostAsync("/api/v1/incidents/events:batch", new { events = batch })))["results"]!.AsArray();
            var failed = results.Where(r => r!["status"]!.GetValue<int>() != 201).Select(r => r!.ToJsonString()).ToArray();
            if (failed.Length > 0)
                Assert.Fail("Events refused: " + string.Join("\n", failed));
        }
    }

    /// <summary>Puts <paramref name="changed"/> in the place of <paramref name="incident"/> in <see cref="Data"/>.</summary>
    protected void Replace(ReferenceIncident incident, ReferenceIncident changed) =>
        Data = new ReportDataSet { Incidents = Data.Incidents.Select(i => i == incident ? changed : i).ToArray() };

    protected IReadOnlyList<ReferenceOutcome> Outcomes => Data.Incidents.SelectMany(i => i.Evaluate(Now).Outcomes).ToArray();

    protected IReadOnlyList<ReferenceTime> Times => Data.Incidents.SelectMany(i => i.Evaluate(Now).Times).ToArray();

    protected async Task<JsonNode> GetReportAsync(string url)
    {
        var response = await Client.GetAsync(url);
        var content = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            Assert.Fail($"GET {url} answered {(int)response.StatusCode}: {content}");
        return JsonNode.Parse(content)!;
    }

    protected static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
