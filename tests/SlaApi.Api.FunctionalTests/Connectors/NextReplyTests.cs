using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Connectors;

/// <summary>
/// Next reply time, as ConnectWise ticket notes tell it: a contact's note awaits an answer, a member's answers it. P1 on
/// New York office hours (Mon–Fri 08:00–17:00 EST) answers each reply within 60 business minutes. The ticket opens Monday
/// 2026-11-23 09:00 EST (14:00Z); the tests' clock stands on Wednesday 2026-11-25 12:00Z.
/// </summary>
public sealed class NextReplyTests(TestEngine engine) : ApiTest(engine)
{
    private string _customerId = "";
    private string _connectionId = "";

    [SetUp]
    public async Task DefineAcme()
    {
        var calendarId = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();
        var policy = new Dictionary<string, object?>
        {
            ["name"] = "Answered within the hour",
            ["calendarId"] = calendarId,
            ["targets"] = new[] { new { priority = 1, responseMinutes = 30, resolutionMinutes = 2400, nextReplyMinutes = 60 } },
        };
        var policyId = (await CreateAsync("/api/v1/policies", policy))["id"]!.GetValue<string>();
        _customerId = (await CreateAsync("/api/v1/customers", Definitions.Customer()))["id"]!.GetValue<string>();
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(_customerId, policyId));
        _connectionId = (await CreateAsync("/api/v1/connections", new
        {
            kind = "connectwise", name = "ConnectWise Manage", keyUrlHosts = new[] { "127.0.0.1" },
            mapping = new
            {
                priorities = new Dictionary<string, int> { ["7"] = 1 },
                statuses = new Dictionary<string, string> { ["17"] = "in-progress", ["20"] = "resolved" },
                serviceCode = "managed-workstations",
            },
        }))["id"]!.GetValue<string>();
    }

    [Test]
    public async Task ThreeCustomerReplies_AnsweredIn10_70And25BusinessMinutes_AreMetBreachedMet()
    {
        object[] poll =
        [
            Ticket(),
            Note(1, "2026-11-23T15:00:00Z", contact: true), Note(2, "2026-11-23T15:10:00Z"),
            Note(3, "2026-11-23T21:30:00Z", contact: true), Note(4, "2026-11-24T13:40:00Z"),
            Note(5, "2026-11-24T15:00:00Z", contact: true), Note(6, "2026-11-24T15:05:00Z", internalNote: true), Note(7, "2026-11-24T15:25:00Z"),
        ];

        var statuses = await PollAsync(poll);

        statuses.Should().Equal("processed", "processed", "processed", "processed", "processed", "processed", "ignored", "processed");
        var incident = await ReadAsync(await Client.GetAsync("/api/v1/incidents/by-ref/connectwise/48213"));
        var cycles = (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{incident["id"]}/cycles")))["cycles"]!.AsArray()
            .Where(c => c!["metric"]!.GetValue<string>() == "next-reply")
            .Select(c => $"{c!["cycle"]} {c["state"]} {c["elapsedSeconds"]!.GetValue<long>() / 60} breached={c["breachedAt"]}").ToArray();
        // Monday 10:00–10:10; Monday 16:30 to Tuesday 08:40 is 30 + 40 business minutes, due Tuesday 08:30 EST; Tuesday 10:00–10:25.
        cycles.Should().Equal("1 met 10 breached=", "2 breached 70 breached=2026-11-24T13:30:00Z", "3 met 25 breached=");
        incident["clocks"]!.AsArray().Select(c => c!["metric"]!.GetValue<string>()).Should().Equal("response", "resolution", "next-reply");
    }

    [Test]
    public async Task ANoteRepeated_RecordsNothingTwice_AndANoteOfAnUnknownTicket_WaitsAsUnmapped()
    {
        var statuses = await PollAsync([Note(9, "2026-11-23T15:00:00Z", contact: true), Ticket(), Note(1, "2026-11-23T15:00:00Z", contact: true),
            Note(1, "2026-11-23T15:00:00Z", contact: true)]);

        statuses.Should().Equal("unmapped", "processed", "processed", "duplicate");
        var incident = await ReadAsync(await Client.GetAsync("/api/v1/incidents/by-ref/connectwise/48213"));
        var timeline = await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{incident["id"]}/timeline"));
        timeline["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).Should().Equal("responded", "customer-replied");
    }

    [Test]
    public async Task ACustomerReplyPostedThroughTheApi_StartsANextReplyClock()
    {
        var id = (await CreateAsync("/api/v1/incidents", Definitions.Incident(_customerId, "CW-2", "2026-11-24T14:00:00Z")))["id"]!.GetValue<string>();

        (await PostAsync($"/api/v1/incidents/{id}/events", Definitions.Event("c1", "customer-replied", "2026-11-24T15:00:00Z"))).IsSuccessStatusCode
            .Should().BeTrue();

        var clock = (await ReadAsync(await Client.GetAsync($"/api/v1/incidents/{id}")))["clocks"]!.AsArray()
            .Single(c => c!["metric"]!.GetValue<string>() == "next-reply")!;
        (clock["state"]!.GetValue<string>(), clock["breachedAt"]!.GetValue<DateTimeOffset>())
            .Should().Be(("breached", new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero)), "an hour of office time after 10:00 EST, never answered");
    }

    [Test]
    public async Task ANextReplyTarget_OfNoMinutes_IsRefused_NamingTheField()
    {
        var response = await PostAsync("/api/v1/policies", new
        {
            name = "Never", calendarId = Definitions.TwentyFourSeven,
            targets = new[] { new { priority = 1, responseMinutes = 30, resolutionMinutes = 480, nextReplyMinutes = 0 } },
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadAsync(response))["errors"]!.AsObject().Select(e => e.Key).Should().Equal("targets[0].nextReplyMinutes");
    }

    private static object Ticket() => new
    {
        id = 48213, summary = "Printer offline", status = new { id = 17 }, company = new { id = 250 }, priority = new { id = 7 },
        dateResponded = "2026-11-23T14:15:00Z", closedFlag = false,
        _info = new { dateEntered = "2026-11-23T14:00:00Z", lastUpdated = "2026-11-23T14:15:00Z" },
    };

    private static object Note(int id, string dateCreated, bool contact = false, bool internalNote = false) => contact
        ? new { id, ticketId = 48213, text = "Any news?", detailDescriptionFlag = true, internalAnalysisFlag = false, contact = new { id = 31, name = "Pat" }, dateCreated }
        : new { id, ticketId = 48213, text = "Working on it.", detailDescriptionFlag = !internalNote, internalAnalysisFlag = internalNote, member = new { id = 4, identifier = "jdoe" }, dateCreated };

    /// <summary>Applies the records of one poll and answers each one's delivery status once none is pending.</summary>
    private async Task<string[]> PollAsync(object[] records)
    {
        var response = await PostAsync($"/api/v1/connections/{_connectionId}/snapshots", new { tickets = records });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var ids = (await ReadAsync(response))["deliveryIds"]!.AsArray().Select(d => d!.GetValue<string>()).ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var statuses = new List<string>();
            foreach (var id in ids)
                statuses.Add((await ReadAsync(await Client.GetAsync($"/api/v1/connections/{_connectionId}/deliveries/{id}")))["status"]!.GetValue<string>());
            if (!statuses.Contains("pending"))
                return [.. statuses];
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Deliveries still pending after 10 s: {string.Join(", ", statuses)}");
            await Task.Delay(20);
        }
    }
}
