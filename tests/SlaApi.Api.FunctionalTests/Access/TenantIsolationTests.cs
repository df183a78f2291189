using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Access;

/// <summary>
/// A customer-bound key can neither block nor detect another customer's incidents: (source, externalId) is unique
/// within a customer (ADR-006). Customer B's own integration posts first the ticket number the MSP's PSA will use for A.
/// </summary>
public sealed class TenantIsolationTests(TestEngine engine) : ApiTest(engine)
{
    private string _customerA = "";
    private string _customerB = "";
    private HttpClient _keyOfB = null!;

    [SetUp]
    public async Task TwoCustomers()
    {
        var calendarId = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();
        var policyId = (await CreateAsync("/api/v1/policies", Definitions.Policy(calendarId)))["id"]!.GetValue<string>();
        _customerA = (await CreateAsync("/api/v1/customers", Definitions.Customer("Acme", "connectwise", "250")))["id"]!.GetValue<string>();
        _customerB = (await CreateAsync("/api/v1/customers", Definitions.Customer("Globex", "connectwise", "251")))["id"]!.GetValue<string>();
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerA, policyId));
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerB, policyId));
        _keyOfB = ClientWithKey(await Factory.IssueKeyAsync([Scopes.IncidentsWrite, Scopes.SlaRead], Guid.Parse(_customerB)));
    }

    [TearDown]
    public void DisposeClient() => _keyOfB.Dispose();

    [Test]
    public async Task AnotherCustomersTicketNumber_NeitherBlocksNorLeaks()
    {
        var squatted = await _keyOfB.PostAsJsonAsync("/api/v1/incidents", Definitions.Incident(_customerB, "T-9"));
        squatted.StatusCode.Should().Be(HttpStatusCode.Created);
        var squattedId = (await ReadAsync(squatted))["id"]!.GetValue<string>();

        var real = await PostAsync("/api/v1/incidents", Definitions.Incident(_customerA, "T-9", openedAt: "2026-11-25T11:30:00Z"));

        real.StatusCode.Should().Be(HttpStatusCode.Created, "the PSA's posting for A is not blocked by B's incident");
        var realBody = await real.Content.ReadAsStringAsync();
        realBody.Should().NotContain(squattedId);
        var ofB = await ReadAsync(await _keyOfB.GetAsync("/api/v1/incidents/by-ref/connectwise/T-9"));
        ofB["id"]!.GetValue<string>().Should().Be(squattedId, "B sees its own incident and nothing of A's");
        (await _keyOfB.PostAsJsonAsync("/api/v1/incidents", Definitions.Incident(_customerA, "T-10")))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "B cannot open incidents for A");
    }

    [Test]
    public async Task ACallerOfEveryCustomer_IsToldWhenARefIsShared_AndPicksByCustomer()
    {
        (await _keyOfB.PostAsJsonAsync("/api/v1/incidents", Definitions.Incident(_customerB, "T-9"))).StatusCode.Should().Be(HttpStatusCode.Created);
        var ofA = (await CreateAsync("/api/v1/incidents", Definitions.Incident(_customerA, "T-9")))["id"]!.GetValue<string>();

        var ambiguous = await (await Client.GetAsync("/api/v1/incidents/by-ref/connectwise/T-9")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        ambiguous["code"]!.GetValue<string>().Should().Be("incident.ref-ambiguous");
        (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/by-ref/connectwise/T-9?customerId={_customerA}")))["id"]!
            .GetValue<string>().Should().Be(ofA);
    }

    [Test]
    public async Task BatchEventsByRef_ReachTheCallersOwnIncident_OrAreRefusedWhenShared()
    {
        var ofB = (await ReadAsync(await _keyOfB.PostAsJsonAsync("/api/v1/incidents", Definitions.Incident(_customerB, "T-9"))))["id"]!.GetValue<string>();
        await CreateAsync("/api/v1/incidents", Definitions.Incident(_customerA, "T-9"));
        var byRef = new { events = new[] { new { source = "connectwise", externalId = "T-9", eventId = "r-1", type = "responded", occurredAt = "2026-11-25T11:10:00Z" } } };

        var fromB = await ReadAsync(await _keyOfB.PostAsJsonAsync("/api/v1/incidents/events:batch", byRef));
        var fromAdmin = await ReadAsync(await PostAsync("/api/v1/incidents/events:batch", byRef));

        fromB["results"]![0]!["status"]!.GetValue<int>().Should().Be(201);
        fromB["results"]![0]!["incidentId"]!.GetValue<string>().Should().Be(ofB);
        fromAdmin["results"]![0]!["status"]!.GetValue<int>().Should().Be(409);
        fromAdmin["results"]![0]!["code"]!.GetValue<string>().Should().Be("incident.ref-ambiguous");
    }
}
