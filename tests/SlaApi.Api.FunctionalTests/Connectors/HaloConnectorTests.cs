using System.Net;
using System.Text;
using FluentAssertions;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Connectors;

public sealed class HaloConnectorTests(TestEngine engine) : ConnectorTest(engine)
{
    private const string Secret = "halo-basic-password";

    private static readonly string[] Life =
    [
        "01-logged.json", "02-responded.json", "03-on-hold.json", "04-back-in-progress.json", "05-resolved.json", "06-reopened.json", "07-closed.json",
    ];

    private static object Connection() => new
    {
        kind = "halo",
        name = "HaloPSA",
        secret = Secret,
        mapping = new
        {
            priorities = new Dictionary<string, int> { ["1"] = 1, ["2"] = 2, ["3"] = 3, ["4"] = 4 },
            statuses = new Dictionary<string, string> { ["1"] = "new", ["2"] = "in-progress", ["4"] = "waiting-customer", ["8"] = "resolved", ["9"] = "closed" },
            serviceCode = "managed-workstations",
        },
    };

    private static (string, string) Basic(string password) =>
        ("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"slaapi:{password}")));

    [Test]
    public async Task TicketLife_BecomesTheIncidentsEventsAndClocks()
    {
        var (id, path) = await ConnectAsync(Connection());

        foreach (var fixture in Life)
            await DeliverAcceptedAsync(path, Fixture("halo", fixture), Basic(Secret));

        Statuses(await SettledDeliveriesAsync(id, Life.Length)).Should().AllBe("processed");
        await AssertTicketLifeAsync("halo", "1234", "Printer offline on floor 2");
    }

    [Test]
    public async Task BatchedDeliveries_AndBearerSecrets_AreAccepted()
    {
        var (id, path) = await ConnectAsync(Connection());
        var batch = $"[{Fixture("halo", "01-logged.json")},{Fixture("halo", "02-responded.json")}]";

        await DeliverAcceptedAsync(path, batch, ("Authorization", $"Bearer {Secret}"));

        Statuses(await SettledDeliveriesAsync(id, 1)).Should().Equal("processed");
        (await EventsAsync(await IncidentAsync("halo", "1234"))).Should().Equal("responded 08:20", "status-changed in-progress 08:20");
    }

    [Test]
    public async Task WrongOrMissingSecret_Answers401_AndStoresNothing()
    {
        var (id, path) = await ConnectAsync(Connection());
        var body = Fixture("halo", "01-logged.json");

        var wrong = await DeliverAsync(path, body, Basic("guess"));
        var missing = await DeliverAsync(path, body);

        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        missing.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ReadAsync(await Client.GetAsync($"/api/v1/connections/{id}/deliveries"))).AsArray().Should().BeEmpty();
    }
}
