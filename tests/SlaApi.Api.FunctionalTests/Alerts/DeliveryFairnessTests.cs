using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.Domain.Alerts;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Alerts;

/// <summary>
/// One customer's subscriptions cannot hold back another's deliveries: a receiver that hangs holds only its share of the
/// node's sends, and each customer has a bounded number of subscriptions.
/// </summary>
public sealed class DeliveryFairnessTests(TestEngine engine) : AlertTest(engine)
{
    [Test]
    public async Task AReceiverThatHangs_DoesNotDelayAnotherCustomersDelivery()
    {
        await using var hanging = await WebhookReceiver.StartAsync();
        hanging.Delay = TimeSpan.FromMinutes(5);
        await using var prompt = await WebhookReceiver.StartAsync();
        var other = (await CreateAsync("/api/v1/customers", Definitions.Customer("Intruder", id: "251")))["id"]!.GetValue<string>();
        using var intruder = ClientWithKey(await Factory.IssueKeyAsync([Scopes.WebhooksWrite], Guid.Parse(other)));
        for (var i = 0; i < 24; i++)
            await SubscribeAsync(intruder, hanging, $"?n={i}");
        await SubscribeAsync(Client, prompt, customerId: CustomerId);

        await CreateAsync("/api/v1/incidents", Definitions.Incident(other, "OTHER-1", "2026-11-25T11:00:00Z").With("serviceCode", "uncovered"));
        (await hanging.WaitForAsync(r => r.Received.Count + r.Waiting >= 4, seconds: 10)).Should().BeTrue("the intruder's receiver is being sent to");
        await CreateAsync("/api/v1/incidents", Definitions.Incident(CustomerId, "OWN-1", "2026-11-25T11:00:00Z").With("serviceCode", "uncovered"));

        (await prompt.WaitForAsync(r => r.Accepted.Any(), seconds: 5)).Should().BeTrue(
            "the hanging receiver holds at most its share of the sends; this delivery goes out at once");
        hanging.Waiting.Should().BeLessThanOrEqualTo(4, "one receiver gets at most Webhooks:ConcurrencyPerReceiver sends at a time");
    }

    [Test]
    public async Task ACustomer_HoldsAtMostItsShareOfSubscriptions_EvenAskingAtOnce()
    {
        using var bound = ClientWithKey(await Factory.IssueKeyAsync([Scopes.WebhooksWrite], Guid.Parse(CustomerId)));

        var answers = await Task.WhenAll(Enumerable.Range(0, WebhookSubscription.MaxPerCustomer + 5).Select(i =>
            bound.PostAsJsonAsync("/api/v1/webhooks", new { url = $"http://127.0.0.1:9/hooks/{i}", types = new[] { "clock.breached" } })));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().Be(WebhookSubscription.MaxPerCustomer);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            var body = await refused.Content.ReadAsStringAsync();
            body.Should().Contain("\"code\":\"webhook.too-many\"", $"{(int)refused.StatusCode}: {body}");
        }
        (await bound.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://127.0.0.1:9/hooks/x", types = new[] { "clock.breached" } }))
            .StatusCode.Should().NotBe(HttpStatusCode.Created);
        (await Client.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://127.0.0.1:9/hooks/msp", types = new[] { "clock.breached" } }))
            .StatusCode.Should().Be(HttpStatusCode.Created, "subscriptions for every customer are counted apart");
    }

    private static async Task SubscribeAsync(HttpClient client, WebhookReceiver receiver, string query = "", string? customerId = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url + query, types = new[] { "incident.unbound" }, customerId });
        var body = await ReadAsync(response);
        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToJsonString());
        receiver.Secrets.Add(body["secret"]!.GetValue<string>());
    }
}
