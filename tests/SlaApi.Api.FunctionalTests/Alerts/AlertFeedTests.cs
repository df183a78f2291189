using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Alerts;

/// <summary>The feed and the live stream: in order, resumable, and each key sees its own customer's alerts.</summary>
public sealed class AlertFeedTests(TestEngine engine) : AlertTest(engine)
{
    /// <summary>
    /// A P1 opened at 20:00Z and posted at 22:00Z: its four response alerts fire at once, late, and the resolution's 50 %
    /// (240 min on 24x7) is due as it is posted; the resolution's 75 %, 90 % and breach follow at 23:00, 23:36 and 00:00Z.
    /// </summary>
    private async Task<IReadOnlyList<JsonNode>> FireLateAlertsAsync()
    {
        await OpenOnChristmasEveAsync(priority: 1, postedLater: TimeSpan.FromHours(2));
        return await AlertsAsync(5);
    }

    [Test]
    public async Task TheFeed_PagesInFiringOrder_WithTheCursor()
    {
        var all = await FireLateAlertsAsync();
        var sequences = all.Select(a => a["sequence"]!.GetValue<long>()).ToArray();
        sequences.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();

        var first = await ReadAsync(await Client.GetAsync("/api/v1/alerts?after=0&limit=2"));
        var firstItems = first["items"]!.AsArray();
        var second = await ReadAsync(await Client.GetAsync($"/api/v1/alerts?after={first["next"]}&limit=500"));

        firstItems.Should().HaveCount(2);
        first["next"]!.GetValue<long>().Should().Be(firstItems[1]!["sequence"]!.GetValue<long>());
        firstItems.Concat(second["items"]!.AsArray()).Select(a => a!["id"]!.GetValue<string>())
            .Should().Equal((await ReadAsync(await Client.GetAsync("/api/v1/alerts?limit=500")))["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()));
        var empty = await ReadAsync(await Client.GetAsync($"/api/v1/alerts?after={second["next"]}"));
        empty["items"]!.AsArray().Should().BeEmpty();
        empty["next"]!.GetValue<long>().Should().Be(second["next"]!.GetValue<long>(), "with nothing new, the cursor stays");
    }

    [Test]
    public async Task ACustomerBoundKey_SeesItsOwnCustomersAlerts()
    {
        await FireLateAlertsAsync();
        var other = (await CreateAsync("/api/v1/customers", Definitions.Customer("Other", id: "251")))["id"]!.GetValue<string>();
        await CreateAsync("/api/v1/incidents", Definitions.Incident(other, "OTHER-1", "2026-12-24T21:00:00Z"));
        var everyone = await AlertsAsync(9);
        everyone.Should().Contain(a => a["customerId"]!.GetValue<string>() == other);

        using var bound = ClientWithKey(await Factory.IssueKeyAsync([Scopes.SlaRead], Guid.Parse(other)));
        var seen = (await ReadAsync(await bound.GetAsync("/api/v1/alerts?limit=500")))["items"]!.AsArray();
        seen.Should().ContainSingle().Which!["type"]!.GetValue<string>().Should().Be("incident.unbound");
        var asked = await ReadAsync(await bound.GetAsync($"/api/v1/alerts?customerId={CustomerId}"));
        asked["items"]!.AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task BadCursors_AreRefused_NamingTheField()
    {
        await (await Client.GetAsync("/api/v1/alerts?after=-1")).ShouldBeValidationProblemAsync("after");
        await (await Client.GetAsync("/api/v1/alerts?limit=501")).ShouldBeValidationProblemAsync("limit");
        await (await Client.GetAsync("/api/v1/alerts/stream?after=-1")).ShouldBeValidationProblemAsync("after");
    }

    [Test]
    public async Task TheStream_SendsAlertsAsTheyFire_AndResumesAfterTheLastEventId()
    {
        var earlier = await FireLateAlertsAsync();
        var resumeAfter = earlier[^2]["sequence"]!.GetValue<long>();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/alerts/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("Last-Event-ID", resumeAfter.ToString());
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var replayed = await ReadEventAsync(reader);
        replayed.Id.Should().Be(earlier[^1]["sequence"]!.GetValue<long>(), "the stream resumes after Last-Event-ID");

        Time.Advance(TimeSpan.FromHours(2));
        var live = new[] { await ReadEventAsync(reader), await ReadEventAsync(reader), await ReadEventAsync(reader) };
        live.Select(e => $"{e.Type} {e.Data["metric"]} {e.Data["occurredAt"]}").Should().Equal(
            "clock.threshold-reached resolution 2026-12-24T23:00:00Z",
            "clock.threshold-reached resolution 2026-12-24T23:36:00Z",
            "clock.breached resolution 2026-12-25T00:00:00Z");
        live.Should().OnlyContain(e => e.Id == e.Data["sequence"]!.GetValue<long>());
    }

    private static async Task<(string Type, long Id, JsonNode Data)> ReadEventAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string? type = null, data = null;
        long id = 0;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0 && data is not null)
                return (type!, id, JsonNode.Parse(data)!);
            if (line.StartsWith("event: ", StringComparison.Ordinal))
                type = line["event: ".Length..];
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
                id = long.Parse(line["id: ".Length..]);
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                data = line["data: ".Length..];
        }
        throw new AssertionException("The stream ended.");
    }
}
