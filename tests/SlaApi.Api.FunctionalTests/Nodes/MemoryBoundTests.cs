using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Nodes;

/// <summary>
/// The worst requests any key may send, in a loop, against the real program: ten-year business-time spans over the
/// whole supported range on many calendars of twelve intervals a day, due dates that run to the last year a calendar
/// lays out, and timelines of clocks that have run since 1970. The API's resident memory must stay bounded.
/// </summary>
[NonParallelizable]
public sealed class MemoryBoundTests
{
    private const long Budget = 250L * 1024 * 1024;
    private const int Calendars = 24;

    [Test]
    public async Task WorstCaseRequests_InALoop_KeepMemoryBounded()
    {
        var database = await TestDatabase.CreateMigratedAsync(TestEngine.Sqlite);
        await using var api = await ApiProcess.StartAsync(database.Options);
        using var client = api.Client(api.PrintedKey);
        var dense = Enumerable.Range(0, 12).Select(h => new { start = $"{h * 2:00}:00", end = $"{h * 2:00}:50" }).ToArray();
        var week = new { monday = dense, tuesday = dense, wednesday = dense, thursday = dense, friday = dense, saturday = dense, sunday = dense };
        var calendarIds = new List<string>();
        for (var i = 0; i < Calendars; i++)
            calendarIds.Add(await client.CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork().With("name", $"Dense {i}").With("week", week)));
        var sparse = await client.CreateAsync("/api/v1/calendars",
            Definitions.OfficeHoursNewYork().With("week", new { monday = Definitions.Hours("09:00", "09:01") }).With("holidays", null));
        var incidentId = await OpenIncidentSince1970Async(client, calendarIds[0]);
        var baseline = api.ResidentBytes;

        for (var round = 0; round < 2; round++)
        {
            foreach (var calendarId in calendarIds)
            {
                for (var year = 1970; year < 2190; year += 10)
                {
                    var response = await client.PostAsJsonAsync($"/api/v1/calendars/{calendarId}/business-time",
                        new { from = $"{year}-01-01T00:00:00Z", to = $"{year + 10}-01-01T00:00:00Z" });
                    response.StatusCode.Should().Be(HttpStatusCode.OK);
                }
            }
            (await client.PostAsJsonAsync($"/api/v1/calendars/{sparse}/due-date", new { start = "2199-01-01T00:00:00Z", minutes = 5_256_000 }))
                .StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
            (await client.GetAsync($"/api/v1/incidents/{incidentId}/timeline")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var after = api.ResidentBytes;
        TestContext.Out.WriteLine($"Resident memory: {baseline / 1048576} MB after set-up, {after / 1048576} MB after the loop.");
        after.Should().BeLessThan(Budget, "the API stays under its 250 MB budget");
        (after - baseline).Should().BeLessThan(120L * 1024 * 1024, "the layouts of 24 calendars over 220 years are not all kept");
    }

    private static async Task<string> OpenIncidentSince1970Async(HttpClient client, string calendarId)
    {
        var policyId = await client.CreateAsync("/api/v1/policies", Definitions.Policy(calendarId));
        var customerId = await client.CreateAsync("/api/v1/customers", Definitions.Customer());
        await client.CreateAsync("/api/v1/agreements", Definitions.Agreement(customerId, policyId)
            .With("effectiveFrom", "1970-01-01T00:00:00Z").With("effectiveTo", null));
        return await client.CreateAsync("/api/v1/incidents", Definitions.Incident(customerId, "T-1970", openedAt: "1970-01-02T00:00:00Z"));
    }
}
