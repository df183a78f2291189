using System.Net;
using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Connectors;

/// <summary>
/// ConnectWise signs a callback with a key fetched from the callback's own key_url. The fixtures name
/// api-na.myconnectwise.net; the tests point key_url at a simulated key endpoint on the connection's allow-list.
/// </summary>
public sealed class ConnectWiseConnectorTests(TestEngine engine) : ConnectorTest(engine)
{
    private const string DocumentedOrigin = "https://api-na.myconnectwise.net";

    private static readonly string[] Life =
    [
        "01-added.json", "02-responded.json", "03-waiting-client.json", "04-back-in-progress.json", "05-resolved.json",
        "06-reopened.json", "07-closed.json",
    ];

    private SigningKeyServer _keys = null!;

    [SetUp]
    public async Task StartKeyServer() => _keys = await SigningKeyServer.StartAsync();

    [TearDown]
    public async Task StopKeyServer() => await _keys.DisposeAsync();

    private static object Connection(params string[] keyUrlHosts) => new
    {
        kind = "connectwise",
        name = "ConnectWise Manage",
        keyUrlHosts,
        mapping = new
        {
            priorities = new Dictionary<string, int> { ["7"] = 1, ["8"] = 2, ["4"] = 3 },
            statuses = new Dictionary<string, string>
            {
                ["New"] = "new", ["17"] = "in-progress", ["Waiting Client"] = "waiting-customer", ["20"] = "resolved", ["21"] = "closed",
            },
            boards = new[] { "Service Desk" },
            serviceCode = "managed-workstations",
        },
    };

    private string Callback(string fixture, string host = "127.0.0.1") =>
        Fixture("connectwise", fixture).Replace(DocumentedOrigin, $"http://{host}:{_keys.Port}", StringComparison.Ordinal);

    private (string, string) Signature(string body) =>
        ("x-content-signature", Convert.ToBase64String(HMACSHA256.HashData(SHA256.HashData(Encoding.UTF8.GetBytes(_keys.SigningKey)), Encoding.UTF8.GetBytes(body))));

    [Test]
    public async Task TicketLife_BecomesTheIncidentsEventsAndClocks_WithTheSigningKeyFetchedOnce()
    {
        var (id, path) = await ConnectAsync(Connection("127.0.0.1"));

        foreach (var fixture in Life)
        {
            var body = Callback(fixture);
            await DeliverAcceptedAsync(path + "?recordId=48213", body, Signature(body));
        }

        Statuses(await SettledDeliveriesAsync(id, Life.Length)).Should().AllBe("processed");
        await AssertTicketLifeAsync("connectwise", "48213", "Email bouncing for the whole office");
        _keys.Requests.Should().Be(1, "the signing key is cached by its key_url");
    }

    [Test]
    public async Task KeyUrlOffTheAllowList_IsRefused_WithoutAnyRequestMade()
    {
        var (id, path) = await ConnectAsync(Connection("127.0.0.1"));
        var body = Callback("01-added.json", host: "localhost");

        var response = await DeliverAsync(path, body, Signature(body));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("not on a host the connection allows");
        _keys.Requests.Should().Be(0);
        (await ReadAsync(await Client.GetAsync($"/api/v1/connections/{id}/deliveries"))).AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task WrongSignature_Answers401_AndStoresNothing()
    {
        var (id, path) = await ConnectAsync(Connection("127.0.0.1"));
        var body = Callback("01-added.json");

        var response = await DeliverAsync(path, body, ("x-content-signature", Convert.ToBase64String(new byte[32])));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ReadAsync(await Client.GetAsync($"/api/v1/connections/{id}/deliveries"))).AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task TicketOnAnotherBoard_IsIgnored_AndKept()
    {
        var (id, path) = await ConnectAsync(Connection("127.0.0.1"));
        var body = Callback("01-added.json").Replace("Service Desk", "Projects", StringComparison.Ordinal);

        await DeliverAcceptedAsync(path, body, Signature(body));

        var delivery = (await SettledDeliveriesAsync(id, 1))[0];
        delivery["status"]!.GetValue<string>().Should().Be("ignored");
        delivery["reason"]!.GetValue<string>().Should().Contain("'1'");
        (await Client.GetAsync("/api/v1/incidents/by-ref/connectwise/48213")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
