using System.Net;
using FluentAssertions;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Connectors;

/// <summary>NinjaOne and Datto RMM sign nothing: the inbound URL's token is all that authenticates them.</summary>
public sealed class RmmConnectorTests(TestEngine engine) : ConnectorTest(engine)
{
    private static object Connection(string kind) => new { kind, name = kind, mapping = new { serviceCode = "managed-workstations" } };

    [Test]
    public async Task NinjaOne_TriggerAndReset_OpenAndResolve_AndAFlappingAlertReopensTheSameIncident()
    {
        var (id, path) = await ConnectAsync(Connection("ninjaone"));

        foreach (var fixture in new[] { "01-triggered.json", "02-reset.json", "03-triggered-again.json", "04-reset-again.json" })
            await DeliverAcceptedAsync(path, Fixture("ninjaone", fixture));

        Statuses(await SettledDeliveriesAsync(id, 4)).Should().AllBe("processed");
        var incident = await IncidentAsync("ninjaone", "d1e2f3a4-0000-4000-8000-00000000c0de:77");
        incident["title"]!.GetValue<string>().Should().Be("C: has less than 10% free space");
        incident["priority"]!.GetValue<int>().Should().Be(2, "MAJOR is priority 2");
        incident["openedAt"]!.GetValue<DateTimeOffset>().Should().Be(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        (await EventsAsync(incident)).Should().Equal("resolved 08:30", "reopened 09:00", "resolved 09:10");
        Clock(incident, "resolution")["elapsedSeconds"]!.GetValue<long>().Should().Be(40 * 60);
        var incidents = await ReadAsync(await Client.GetAsync($"/api/v1/incidents?customerId={CustomerId}"));
        incidents["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Should().Equal([incident["id"]!.GetValue<string>()], "the flap reopened the incident rather than opening another");
    }

    [Test]
    public async Task DattoRmm_AlertAndItsResolution_OpenAndResolve()
    {
        var (id, path) = await ConnectAsync(Connection("datto-rmm"));

        await DeliverAcceptedAsync(path, Fixture("datto-rmm", "01-alert.json"));
        await DeliverAcceptedAsync(path, Fixture("datto-rmm", "02-resolved.json"));
        await DeliverAcceptedAsync(path, Fixture("datto-rmm", "02-resolved.json"));

        Statuses(await SettledDeliveriesAsync(id, 3)).Should().Equal("processed", "processed", "duplicate");
        var incident = await IncidentAsync("datto-rmm", "4c1b7e0a-0000-4000-8000-0000000d4770");
        incident["title"]!.GetValue<string>().Should().Be("ACME-PC-07: Disk usage above 90% on C:");
        incident["priority"]!.GetValue<int>().Should().Be(2, "High is priority 2");
        (await EventsAsync(incident)).Should().Equal("resolved 08:45");
        Clock(incident, "resolution")["state"]!.GetValue<string>().Should().Be("met");
    }

    [Test]
    public async Task WrongToken_Answers401_AndAnUnknownConnection404()
    {
        var (id, path) = await ConnectAsync(Connection("ninjaone"));

        var wrongToken = await DeliverAsync(path[..path.LastIndexOf('/')] + "/guessed", Fixture("ninjaone", "01-triggered.json"));
        var unknown = await DeliverAsync($"/api/v1/inbound/{Guid.NewGuid()}/guessed", Fixture("ninjaone", "01-triggered.json"));
        var notJson = await DeliverAsync(path, "");

        wrongToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        notJson.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadAsync(await Client.GetAsync($"/api/v1/connections/{id}/deliveries"))).AsArray().Should().BeEmpty();
    }
}
