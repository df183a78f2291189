using System.Net;
using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Connectors;

public sealed class AutotaskConnectorTests(TestEngine engine) : ConnectorTest(engine)
{
    private const string Secret = "autotask-webhook-secret-key";

    private static readonly string[] Life =
    [
        "01-created.json", "02-first-response.json", "03-waiting-customer.json", "04-back-in-progress.json", "05-complete.json",
        "06-reopened.json", "07-closed.json",
    ];

    private static object Connection(Dictionary<string, string>? statuses = null) => new
    {
        kind = "autotask",
        name = "Autotask production",
        secret = Secret,
        mapping = new
        {
            priorities = new Dictionary<string, int> { ["1"] = 1, ["2"] = 2, ["3"] = 3, ["4"] = 4 },
            statuses = statuses ?? new Dictionary<string, string> { ["1"] = "new", ["8"] = "in-progress", ["7"] = "waiting-customer", ["5"] = "resolved", ["12"] = "closed" },
            boards = new[] { "29683" },
            serviceCode = "managed-workstations",
        },
    };

    private static (string, string) Signature(string body, string secret = Secret) =>
        ("X-Hook-Signature", "sha1=" + Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))));

    private Task DeliverSignedAsync(string path, string fixture)
    {
        var body = Fixture("autotask", fixture);
        return DeliverAcceptedAsync(path, body, Signature(body));
    }

    [Test]
    public async Task TicketLife_BecomesTheIncidentsEventsAndClocks()
    {
        var (id, path) = await ConnectAsync(Connection());

        foreach (var fixture in Life)
            await DeliverSignedAsync(path, fixture);

        Statuses(await SettledDeliveriesAsync(id, Life.Length)).Should().AllBe("processed");
        await AssertTicketLifeAsync("autotask", "351182", "VPN down for the accounting team");
    }

    [Test]
    public async Task OutOfOrderAndRepeatedDeliveries_ChangeNothing()
    {
        var (id, path) = await ConnectAsync(Connection());

        foreach (var fixture in new[] { "01-created.json", "02-first-response.json", "04-back-in-progress.json", "03-waiting-customer.json", "02-first-response.json" })
            await DeliverSignedAsync(path, fixture);

        var deliveries = await SettledDeliveriesAsync(id, 5);
        Statuses(deliveries).Should().Equal("processed", "processed", "processed", "stale", "duplicate");
        deliveries[3]["reason"]!.GetValue<string>().Should().Contain("older than the one already applied");
        (await EventsAsync(await IncidentAsync("autotask", "351182"))).Should().Equal("responded 08:20", "status-changed in-progress 08:20");
    }

    [Test]
    public async Task BadSignature_Answers401_AndStoresNothing()
    {
        var (id, path) = await ConnectAsync(Connection());
        var body = Fixture("autotask", "01-created.json");

        var forged = await DeliverAsync(path, body, Signature(body, "another secret"));
        var unsigned = await DeliverAsync(path, body);
        var tampered = await DeliverAsync(path, body.Replace("\"Priority\": \"2\"", "\"Priority\": \"1\""), Signature(body));
        var wrongToken = await DeliverAsync(path[..path.LastIndexOf('/')] + "/not-the-token", body, Signature(body));

        foreach (var response in new[] { forged, unsigned, tampered, wrongToken })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }
        (await ReadAsync(await Client.GetAsync($"/api/v1/connections/{id}/deliveries"))).AsArray().Should().BeEmpty();
        (await Client.GetAsync("/api/v1/incidents/by-ref/autotask/351182")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task UnknownCompany_IsKeptWithTheReason_AndReprocessedOnceTheCustomerIsKnown()
    {
        var (id, path) = await ConnectAsync(Connection());
        await DeliverSignedAsync(path, "unknown-company.json");

        var unmapped = (await SettledDeliveriesAsync(id, 1))[0];
        unmapped["status"]!.GetValue<string>().Should().Be("unmapped");
        unmapped["reason"]!.GetValue<string>().Should().Contain("autotask/40001");
        unmapped["body"].Should().BeNull("lists leave the bodies out");
        var read = await ReadAsync(await Client.GetAsync($"/api/v1/connections/{id}/deliveries/{unmapped["id"]}"));
        read["body"]!.GetValue<string>().Should().Be(Fixture("autotask", "unknown-company.json"));
        (await Client.GetAsync($"/api/v1/connections/{id}/deliveries/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        await CreateAsync("/api/v1/customers", Common.Definitions.Customer("Globex", "autotask", "40001"));
        (await PostAsync($"/api/v1/connections/{id}/deliveries/{unmapped["id"]}/reprocess", new { })).StatusCode.Should().Be(HttpStatusCode.Accepted);

        (await SettledDeliveriesAsync(id, 1))[0]["status"]!.GetValue<string>().Should().Be("processed");
        var incident = await IncidentAsync("autotask", "351190");
        incident["title"]!.GetValue<string>().Should().Be("New starter laptop");
        incident["priority"]!.GetValue<int>().Should().Be(3);
    }

    [Test]
    public async Task UnmappedStatus_IsProcessedAfterTheMappingIsRevised()
    {
        var (id, path) = await ConnectAsync(Connection(new Dictionary<string, string> { ["1"] = "new", ["8"] = "in-progress" }));
        await DeliverSignedAsync(path, "01-created.json");
        await DeliverSignedAsync(path, "02-first-response.json");
        await DeliverSignedAsync(path, "03-waiting-customer.json");
        var deliveries = await SettledDeliveriesAsync(id, 3);
        Statuses(deliveries).Should().Equal("processed", "processed", "unmapped");
        deliveries[2]["reason"]!.GetValue<string>().Should().Contain("Status '7'");

        var revision = new
        {
            name = "Autotask production",
            mapping = new { priorities = new Dictionary<string, int> { ["2"] = 2 }, statuses = new Dictionary<string, string> { ["1"] = "new", ["8"] = "in-progress", ["7"] = "waiting-customer" }, serviceCode = "managed-workstations" },
        };
        var revised = await PutAsync($"/api/v1/connections/{id}", revision, "\"1\"");
        revised.StatusCode.Should().Be(HttpStatusCode.OK, await revised.Content.ReadAsStringAsync());
        (await ReadAsync(revised))["version"]!.GetValue<int>().Should().Be(2);
        await PostAsync($"/api/v1/connections/{id}/deliveries/{deliveries[2]["id"]}/reprocess", new { });

        Statuses(await SettledDeliveriesAsync(id, 3)).Should().AllBe("processed");
        (await EventsAsync(await IncidentAsync("autotask", "351182")))[^1].Should().Be("status-changed waiting-customer 09:00");
    }

    [Test]
    public async Task Snapshots_CatchUpACallbackThatNeverCame()
    {
        var (id, path) = await ConnectAsync(Connection());
        await DeliverSignedAsync(path, "01-created.json");
        await SettledDeliveriesAsync(id, 1);

        var polled = new
        {
            tickets = new object[]
            {
                new
                {
                    id = 351182, ticketNumber = "T20261125.0001", title = "VPN down for the accounting team", companyID = 29684, queueID = 29683,
                    priority = 2, status = 5, createDate = "2026-11-25T08:00:00Z", firstResponseDateTime = "2026-11-25T08:20:00Z",
                    completedDate = "2026-11-25T10:30:00Z", lastTrackedModificationDateTime = "2026-11-25T10:30:00Z",
                },
            },
        };
        var response = await PostAsync($"/api/v1/connections/{id}/snapshots", polled);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        (await ReadAsync(response))["deliveryIds"]!.AsArray().Should().HaveCount(1);
        await PostAsync($"/api/v1/connections/{id}/snapshots", polled);

        Statuses(await SettledDeliveriesAsync(id, 3)).Should().Equal("processed", "processed", "processed");
        var incident = await IncidentAsync("autotask", "351182");
        (await EventsAsync(incident)).Should().Equal("responded 08:20", "resolved 10:30");
        Clock(incident, "resolution")["elapsedSeconds"]!.GetValue<long>().Should().Be(150 * 60);
    }

    [Test]
    public async Task Connections_AreValidated_AndKeepTheirSecretToThemselves()
    {
        var noSecret = await PostAsync("/api/v1/connections", new { kind = "autotask", name = "No secret" });
        var unknownKind = await PostAsync("/api/v1/connections", new { kind = "servicenow", name = "Other" });
        var badPriority = await PostAsync("/api/v1/connections", new { kind = "halo", name = "Halo", secret = "s", mapping = new { priorities = new Dictionary<string, int> { ["1"] = 9 } } });
        var badStatus = await PostAsync("/api/v1/connections", new { kind = "halo", name = "Halo", secret = "s", mapping = new { statuses = new Dictionary<string, string> { ["1"] = "Waiting On Customer" } } });

        noSecret.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await noSecret.Content.ReadAsStringAsync()).Should().Contain("secret");
        unknownKind.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknownKind.Content.ReadAsStringAsync()).Should().Contain("kind");
        badPriority.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badPriority.Content.ReadAsStringAsync()).Should().Contain("mapping.priorities");
        badStatus.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badStatus.Content.ReadAsStringAsync()).Should().Contain("mapping.statuses");

        var (id, _) = await ConnectAsync(Connection());
        var read = await Client.GetStringAsync($"/api/v1/connections/{id}");
        read.Should().NotContain(Secret).And.Contain("\"hasSecret\":true");
        (await Client.DeleteAsync($"/api/v1/connections/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Client.GetAsync($"/api/v1/connections/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
