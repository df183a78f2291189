using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Alerts;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.Domain.Alerts;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Access;

/// <summary>
/// Customer A, holding a key bound to it with every scope a customer gets, tries everything issue [2/6] found against
/// customer B at once. B's view of its data is then exactly what it was, B's reads are answered, and B's stream and
/// webhook still carry B's next alert promptly.
/// </summary>
public sealed class TenantIsolationSuiteTests(TestEngine engine) : AlertTest(engine)
{
    private const string November = "from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z";

    /// <summary>How long one of B's requests may take while A attacks: far more than any needs, far less than a stall.</summary>
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(2);

    private static readonly string[] CustomerScopes =
        [Scopes.SlaRead, Scopes.ReportsRead, Scopes.WebhooksWrite, Scopes.IncidentsWrite, Scopes.DisputesWrite, Scopes.DefinitionsRead];

    [Test]
    public async Task EverythingOneCustomerTries_LeavesAnotherCustomersViewAndDeliveriesAsTheyWere()
    {
        await using var receiverOfB = await WebhookReceiver.StartAsync();
        await using var hangingOfA = await WebhookReceiver.StartAsync();
        hangingOfA.Delay = TimeSpan.FromMinutes(5);
        var customerA = (await CreateAsync("/api/v1/customers", Definitions.Customer("Intruder", id: "251")))["id"]!.GetValue<string>();
        var calendarId = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();
        var policyId = (await CreateAsync("/api/v1/policies", OfficeHoursPolicy(calendarId)))["id"]!.GetValue<string>();
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(customerA, policyId));
        using var keyOfA = ClientWithKey(await Factory.IssueKeyAsync(CustomerScopes, Guid.Parse(customerA)));
        using var keyOfB = ClientWithKey(await Factory.IssueKeyAsync(CustomerScopes, Guid.Parse(CustomerId)));

        var webhookOfB = await SubscribeAsync(keyOfB, receiverOfB);
        var incidentOfB = (await CreateAsync("/api/v1/incidents", Definitions.Incident(CustomerId, "T-1")))["id"]!.GetValue<string>();
        await PostEventAsync(incidentOfB, Definitions.Event("r-1", "responded", "2026-11-25T11:30:00Z"));
        await CreateAsync("/api/v1/incidents", Definitions.Incident(CustomerId, "T-2").With("serviceCode", "uncovered"));
        await WaitUntilDeliveredAsync(keyOfB, webhookOfB, 1);
        var viewOfB = await ViewAsync(keyOfB, incidentOfB, webhookOfB);

        var streamsOfA = new List<HttpResponseMessage>();
        try
        {
            await AttackAsync(keyOfA, customerA, incidentOfB, webhookOfB, hangingOfA, streamsOfA);

            (await ViewAsync(keyOfB, incidentOfB, webhookOfB)).Should().Equal(viewOfB, "nothing A did reached B's data");
            await NextAlertOfB_ReachesItsStreamAndWebhookAsync(keyOfB, receiverOfB);
        }
        finally
        {
            foreach (var stream in streamsOfA)
                stream.Dispose();
        }
    }

    private async Task AttackAsync(
        HttpClient keyOfA, string customerA, string incidentOfB, string webhookOfB, WebhookReceiver hangingOfA, List<HttpResponseMessage> streamsOfA)
    {
        (await keyOfA.PostAsJsonAsync("/api/v1/incidents", Definitions.Incident(CustomerId, "T-3")))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "A cannot open incidents for B");
        (await keyOfA.PostAsJsonAsync($"/api/v1/incidents/{incidentOfB}/events", Definitions.Event("x-1", "resolved", "2026-11-25T11:40:00Z")))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        var byRef = await ReadAsync(await keyOfA.PostAsJsonAsync("/api/v1/incidents/events:batch", new
        {
            events = new[] { new { source = "connectwise", externalId = "T-1", eventId = "x-2", type = "resolved", occurredAt = "2026-11-25T11:40:00Z" } },
        }));
        byRef["results"]![0]!["status"]!.GetValue<int>().Should().Be(404, "B's ticket number names nothing of A's");
        foreach (var read in new[] { "", "/timeline", "/cycles" })
            (await keyOfA.GetAsync($"/api/v1/incidents/{incidentOfB}{read}")).StatusCode.Should().Be(HttpStatusCode.NotFound, read);
        (await keyOfA.GetAsync("/api/v1/incidents/by-ref/connectwise/T-1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await keyOfA.PostAsJsonAsync($"/api/v1/incidents/{incidentOfB}/disputes", new { metric = "response", claim = "Not ours." }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await keyOfA.PostAsJsonAsync("/api/v1/simulations", new
        {
            terms = new { creditCapPercent = 5m }, agreementIds = new[] { AgreementId }, from = "2026-10-01T00:00:00Z", to = "2026-11-01T00:00:00Z",
        })).StatusCode.Should().BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.NotFound);

        (await keyOfA.PostAsJsonAsync("/api/v1/webhooks", new { url = hangingOfA.Url, types = new[] { "incident.unbound" }, customerId = CustomerId }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "A cannot subscribe to B's alerts");
        for (var i = 0; i < WebhookSubscription.MaxPerCustomer; i++)
            await SubscribeAsync(keyOfA, hangingOfA, $"?n={i}", renewalDays: 300 - i);
        (await keyOfA.PostAsJsonAsync("/api/v1/webhooks", new { url = hangingOfA.Url, types = new[] { "incident.unbound" } }))
            .StatusCode.Should().NotBe(HttpStatusCode.Created, "a customer holds a bounded number of subscriptions");
        await CreateAsync("/api/v1/incidents", Definitions.Incident(customerA, "A-1").With("serviceCode", "uncovered"));
        (await hangingOfA.WaitForAsync(r => r.Waiting >= 1, seconds: 10)).Should().BeTrue("A's hanging receiver is being sent to");
        (await keyOfA.GetAsync($"/api/v1/webhooks/{webhookOfB}/deliveries")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var deliveryOfB = (await ReadAsync(await Client.GetAsync($"/api/v1/webhooks/{webhookOfB}/deliveries")))[0]!["id"]!.GetValue<string>();
        (await keyOfA.PostAsync($"/api/v1/webhooks/{webhookOfB}/deliveries/{deliveryOfB}/retry", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        foreach (var foreignRead in new[]
        {
            $"/api/v1/alerts?customerId={CustomerId}", $"/api/v1/incidents?customerId={CustomerId}", $"/api/v1/queue?customerId={CustomerId}",
            $"/api/v1/reports/compliance?{November}&customerId={CustomerId}", $"/api/v1/reports/breaches?{November}&customerId={CustomerId}",
            $"/api/v1/reports/credits?{November}&customerId={CustomerId}", "/api/v1/agreements/expiring?withinDays=3650",
        })
        {
            var answer = await keyOfA.GetAsync(foreignRead);
            var body = await answer.Content.ReadAsStringAsync();
            ((int)answer.StatusCode).Should().BeInRange(200, 499, foreignRead);
            body.Should().NotContain(incidentOfB, foreignRead).And.NotContain(AgreementId, foreignRead);
        }

        for (var i = 0; i < 5; i++)
            streamsOfA.Add(await AlertStreams.OpenAsync(keyOfA));
        using (var sixth = await AlertStreams.TryOpenAsync(keyOfA))
            sixth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "one key holds at most five streams");

        for (var i = 0; i < 40; i++)
        {
            using var garbage = ClientWithKey($"sla_{Guid.NewGuid():N}");
            ((int)(await garbage.GetAsync("/api/v1/incidents")).StatusCode).Should().BeOneOf(401, 429);
        }
        using var anonymous = ClientWithKey(null);
        var megabyte = new string('x', 1 << 20);
        for (var i = 0; i < 20; i++)
        {
            var answer = await anonymous.PostAsync($"/api/v1/inbound/{Guid.NewGuid()}/t", new StringContent(megabyte));
            ((int)answer.StatusCode).Should().BeInRange(400, 499, "an unknown connection is refused");
        }

        (await keyOfA.PostAsJsonAsync("/api/v1/incidents", Definitions.Incident(customerA, "T-1")))
            .StatusCode.Should().Be(HttpStatusCode.Created, "A's own ticket T-1 is A's business alone");
    }

    /// <summary>B's reads, each answered in time, as the text of their bodies.</summary>
    private async Task<List<string>> ViewAsync(HttpClient keyOfB, string incidentOfB, string webhookOfB)
    {
        var view = new List<string>();
        foreach (var url in new[]
        {
            "/api/v1/incidents", $"/api/v1/incidents/{incidentOfB}", $"/api/v1/incidents/{incidentOfB}/timeline",
            $"/api/v1/incidents/{incidentOfB}/cycles", "/api/v1/incidents/by-ref/connectwise/T-1", "/api/v1/alerts?limit=500", "/api/v1/queue",
            $"/api/v1/webhooks/{webhookOfB}/deliveries", $"/api/v1/reports/compliance?{November}", $"/api/v1/reports/breaches?{November}",
            "/api/v1/agreements/expiring?withinDays=3650",
        })
        {
            using var inTime = new CancellationTokenSource(Answered);
            var answer = await keyOfB.GetAsync(url, inTime.Token);
            var body = await answer.Content.ReadAsStringAsync(inTime.Token);
            answer.StatusCode.Should().Be(HttpStatusCode.OK, $"{url}: {body}");
            view.Add($"{url} {body}");
        }
        return view;
    }

    private async Task NextAlertOfB_ReachesItsStreamAndWebhookAsync(HttpClient keyOfB, WebhookReceiver receiverOfB)
    {
        using var stream = await AlertStreams.OpenAsync(keyOfB);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var next = (await CreateAsync("/api/v1/incidents", Definitions.Incident(CustomerId, "T-4").With("serviceCode", "uncovered")))["id"]!.GetValue<string>();

        using var inTime = new CancellationTokenSource(Answered);
        (await ReadUntilAsync(reader, next, inTime.Token)).Should().BeTrue("B's stream carries B's alert while A holds its five");
        (await receiverOfB.WaitForAsync(r => r.Accepted.Any(d => d.RawBody.Contains(next)), seconds: 5))
            .Should().BeTrue("B's delivery does not wait behind A's hanging receiver");
    }

    private static async Task<bool> ReadUntilAsync(StreamReader stream, string text, CancellationToken ct)
    {
        while (await stream.ReadLineAsync(ct) is { } line)
        {
            if (line.Contains(text))
                return true;
        }
        return false;
    }

    private static async Task<string> SubscribeAsync(HttpClient client, WebhookReceiver receiver, string query = "", int? renewalDays = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/webhooks",
            new { url = receiver.Url + query, types = new[] { "incident.unbound", "clock.breached" }, renewalDays });
        var body = await ReadAsync(response);
        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToJsonString());
        receiver.Secrets.Add(body["secret"]!.GetValue<string>());
        return body["webhook"]!["id"]!.GetValue<string>();
    }

    private static async Task WaitUntilDeliveredAsync(HttpClient client, string webhookId, int deliveries)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var delivered = (await ReadAsync(await client.GetAsync($"/api/v1/webhooks/{webhookId}/deliveries"))).AsArray()
                .Count(d => d!["deliveredAt"] is JsonValue);
            if (delivered >= deliveries)
                return;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{delivered} of {deliveries} deliveries made.");
            await Task.Delay(25);
        }
    }
}
