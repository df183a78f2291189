using System.Net;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Hostile;

/// <summary>Each bound the README documents, at its edge: the field is named, the rule is said, nothing is a 500.</summary>
public sealed class InputBoundsTests(TestEngine engine) : ApiTest(engine)
{
    private string _calendarId = "";

    [SetUp]
    public async Task DefineACalendar() =>
        _calendarId = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();

    [TestCase("customers", "externalRefs[1]")]
    [TestCase("calendars", "week.monday[0]")]
    [TestCase("calendars", "holidays[0]")]
    [TestCase("policies", "targets[1]")]
    [TestCase("agreements", "creditRules[0]")]
    public async Task NullListItem_IsRefusedNamingIt(string resource, string field)
    {
        var customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer("Initech", "halo", "9")))["id"]!.GetValue<string>();
        var policyId = (await CreateAsync("/api/v1/policies", Definitions.Policy(_calendarId)))["id"]!.GetValue<string>();
        var body = resource switch
        {
            "customers" => Definitions.Customer().With("externalRefs", new object?[] { new { source = "connectwise", id = "1" }, null }),
            "calendars" when field.StartsWith("week", StringComparison.Ordinal) =>
                Definitions.OfficeHoursNewYork().With("week", new { monday = new object?[] { null } }),
            "calendars" => Definitions.OfficeHoursNewYork().With("holidays", new object?[] { null }),
            "policies" => Definitions.Policy(_calendarId).With("targets", new object?[] { new { priority = 1, responseMinutes = 15, resolutionMinutes = 60 }, null }),
            _ => Definitions.Agreement(customerId, policyId).With("creditRules", new object?[] { null }),
        };

        (await (await PostAsync($"/api/v1/{resource}", body)).ShouldBeValidationProblemAsync(field))
            .Should().ContainMatch("*must not be null*");
    }

    [Test]
    public async Task ADay_HoldsAtMostTwelveIntervals()
    {
        var intervals = Enumerable.Range(0, 13).Select(h => new { start = $"{h:00}:00", end = $"{h:00}:30" }).ToArray();

        (await (await PostAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork().With("week", new { monday = intervals })))
            .ShouldBeValidationProblemAsync("week.monday")).Should().ContainMatch("*at most 12*");
        (await PostAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork().With("week", new { monday = intervals[..12] })))
            .StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Test]
    public async Task MalformedRenewalDate_SaysTheFormat_NotAType()
    {
        var customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
        var policyId = (await CreateAsync("/api/v1/policies", Definitions.Policy(_calendarId)))["id"]!.GetValue<string>();

        var messages = await (await PostAsync("/api/v1/agreements", Definitions.Agreement(customerId, policyId).With("renewalDate", "01/12/2026")))
            .ShouldBeValidationProblemAsync("renewalDate");

        messages.Should().ContainSingle().Which.Should().Contain("yyyy-MM-dd").And.NotContain("SlaApi");
    }

    [TestCase("1969-12-31T23:59:59Z")]
    [TestCase("2200-01-01T00:00:00Z")]
    [TestCase("9999-12-31T23:59:59Z")]
    public async Task DueDate_StartOutsideTheSupportedRange_IsRefused(string start) =>
        (await (await PostAsync($"/api/v1/calendars/{_calendarId}/due-date", new { start, minutes = 60 }))
            .ShouldBeValidationProblemAsync("start")).Should().ContainMatch("*1970-01-01T00:00:00Z*2200-01-01T00:00:00Z*");

    [Test]
    public async Task DueDate_AtTheEdgesOfTheSupportedRange_IsAnswered()
    {
        (await PostAsync($"/api/v1/calendars/{_calendarId}/due-date", new { start = "1970-01-01T00:00:00Z", minutes = 60 }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await PostAsync($"/api/v1/calendars/{_calendarId}/due-date", new { start = "2199-12-31T23:59:59Z", minutes = 5_256_000 }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task DueDate_BeyondTheYearsACalendarCovers_Is422()
    {
        var sparse = Definitions.OfficeHoursNewYork().With("week", new { monday = Definitions.Hours("09:00", "09:01") }).With("holidays", null);
        var sparseId = (await CreateAsync("/api/v1/calendars", sparse))["id"]!.GetValue<string>();

        var problem = await (await PostAsync($"/api/v1/calendars/{sparseId}/due-date", new { start = "2026-11-25T00:00:00Z", minutes = 5_256_000 }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem["errors"]!["minutes"]!.ToJsonString().Should().Contain("2300");
    }

    [Test]
    public async Task BusinessTime_SpansAtMostTenYears()
    {
        (await (await PostAsync($"/api/v1/calendars/{_calendarId}/business-time", new { from = "1970-01-01T00:00:00Z", to = "2199-01-01T00:00:00Z" }))
            .ShouldBeValidationProblemAsync("to")).Should().ContainMatch("*ten years*");
        (await PostAsync($"/api/v1/calendars/{_calendarId}/business-time", new { from = "2020-01-01T00:00:00Z", to = "2029-12-31T00:00:00Z" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [TestCase("/api/v1/reports/credits?month=9999-12", "month")]
    [TestCase("/api/v1/reports/credits?month=1969-12", "month")]
    [TestCase("/api/v1/reports/compliance?from=9999-01-01T00:00:00Z&to=9999-12-31T23:59:59Z", "from")]
    [TestCase("/api/v1/reports/breaches?from=0001-01-01T00:00:00Z&to=0001-02-01T00:00:00Z", "from")]
    [TestCase("/api/v1/incidents?openedFrom=0001-01-01T00:00:00Z", "openedFrom")]
    public async Task ReportsAndLists_OutsideTheSupportedRange_AreRefused(string url, string field) =>
        await (await Client.GetAsync(url)).ShouldBeValidationProblemAsync(field);

    [Test]
    public async Task Incident_OpenedBeforeTheSupportedRange_IsRefused()
    {
        var customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();

        await (await PostAsync("/api/v1/incidents", Definitions.Incident(customerId, "T-1", openedAt: "0001-01-01T00:00:00Z")))
            .ShouldBeValidationProblemAsync("openedAt");
    }

    [Test]
    public async Task ATargetNoCalendarYearReaches_StillRecordsEvents_WithNoDueInstant()
    {
        var sparse = Definitions.OfficeHoursNewYork().With("week", new { monday = Definitions.Hours("09:00", "09:01") }).With("holidays", null);
        var sparseId = (await CreateAsync("/api/v1/calendars", sparse))["id"]!.GetValue<string>();
        var policy = Definitions.Policy(sparseId).With("targets", new[] { new { priority = 1, responseMinutes = 5_256_000, resolutionMinutes = 5_256_000 } });
        var policyId = (await CreateAsync("/api/v1/policies", policy))["id"]!.GetValue<string>();
        var customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, policyId));
        var incident = await CreateAsync("/api/v1/incidents", Definitions.Incident(customerId, "T-1"));

        var recorded = await PostAsync($"/api/v1/incidents/{incident["id"]}/events", Definitions.Event("e-1", "updated", "2026-11-25T11:30:00Z"));

        recorded.StatusCode.Should().Be(HttpStatusCode.Created);
        incident["clocks"]!.AsArray().Should().OnlyContain(c => c!["dueAt"] == null && c["state"]!.GetValue<string>() == "running");
    }
}
