using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Alerts;

/// <summary>Subscriptions, signed deliveries and their retries, against a receiver that verifies with the StandardWebhooks library.</summary>
public sealed class WebhookDeliveryTests(TestEngine engine) : AlertTest(engine)
{
    private WebhookReceiver _receiver = null!;

    [SetUp]
    public async Task StartReceiver() => _receiver = await WebhookReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiver() => await _receiver.DisposeAsync();

    private async Task<JsonNode> SubscribeAsync(object? types = null, bool onlyDuringCoverage = false, HttpClient? client = null)
    {
        var response = await (client ?? Client).PostAsJsonAsync("/api/v1/webhooks",
            new { url = _receiver.Url, types = types ?? new[] { "clock.breached" }, onlyDuringCoverage });
        var body = await ReadAsync(response);
        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToJsonString());
        _receiver.Secrets.Add(body["secret"]!.GetValue<string>());
        return body;
    }

    /// <summary>A P1 opened on Christmas Eve at 20:00Z and posted two hours later: its response breached at 21:00Z, late.</summary>
    private Task<string> OpenBreachedAsync() => OpenOnChristmasEveAsync(priority: 1, postedLater: TimeSpan.FromHours(2));

    /// <summary>Moves the fake clock on by 50 ms, never past <paramref name="limit"/>.</summary>
    private void StepUntil(DateTimeOffset limit)
    {
        if (Time.GetUtcNow() < limit)
            Time.Advance(TimeSpan.FromMilliseconds(50));
    }

    private async Task<JsonNode[]> DeliveriesAsync(string webhookId) =>
        (await ReadAsync(await Client.GetAsync($"/api/v1/webhooks/{webhookId}/deliveries"))).AsArray().Select(d => d!).ToArray();

    [Test]
    public async Task AReceiverThatFailsThreeTimes_GetsOneAcceptedDelivery_WithTheSameIdEachTime()
    {
        var webhookId = (await SubscribeAsync())["webhook"]!["id"]!.GetValue<string>();
        _receiver.Answer = n => n <= 3 ? 503 : 200;
        var incidentId = await OpenBreachedAsync();

        // The first run retries twice within seconds; the next run comes minutes later.
        (await _receiver.WaitForAsync(r => r.Accepted.Any(), () => Time.Advance(TimeSpan.FromSeconds(5)), seconds: 30)).Should().BeTrue();

        var received = _receiver.Received.ToArray();
        received.Select(r => r.Status).Should().Equal(503, 503, 503, 200);
        received.Select(r => r.WebhookId).Distinct().Should().ContainSingle();
        received.Should().OnlyContain(r => r.VerifiedWith.Count == 1);
        var delivery = received[^1].Body;
        delivery["type"]!.GetValue<string>().Should().Be("clock.breached");
        delivery["data"]!["incidentId"]!.GetValue<string>().Should().Be(incidentId);
        delivery["data"]!["externalId"]!.GetValue<string>().Should().Be("T-1");
        delivery["data"]!["metric"]!.GetValue<string>().Should().Be("response");
        delivery["data"]!["occurredAt"]!.GetValue<string>().Should().Be("2026-12-24T21:00:00Z");
        delivery["data"]!["late"]!.GetValue<bool>().Should().BeTrue();
        var alert = (await AlertsAsync(1)).Single(a => a["type"]!.GetValue<string>() == "clock.breached");
        delivery["data"]!["alertId"]!.GetValue<string>().Should().Be(alert["id"]!.GetValue<string>());

        var deliveries = await DeliveriesAsync(webhookId);
        var recorded = deliveries.Should().ContainSingle().Subject;
        recorded["id"]!.GetValue<string>().Should().Be(received[0].WebhookId);
        recorded["status"]!.GetValue<string>().Should().Be("delivered");
        recorded["attempts"]!.GetValue<int>().Should().Be(4);
        recorded["attemptLog"]!.AsArray().Select(a => a!["statusCode"]!.GetValue<int>()).Should().Equal(503, 503, 503, 200);
    }

    [Test]
    public async Task AClientError_IsNotRetried_AndGoneDisablesTheSubscription()
    {
        var webhookId = (await SubscribeAsync())["webhook"]!["id"]!.GetValue<string>();
        _receiver.Answer = _ => 400;
        await OpenBreachedAsync();
        (await _receiver.WaitForAsync(r => r.Received.Count == 1, () => Time.Advance(TimeSpan.FromSeconds(5)))).Should().BeTrue();
        Time.Advance(TimeSpan.FromHours(1));
        await Task.Delay(300);
        _receiver.Received.Should().ContainSingle("a 400 is the receiver's refusal, not a failure to retry");
        (await DeliveriesAsync(webhookId)).Single()["status"]!.GetValue<string>().Should().Be("failed");

        _receiver.Answer = _ => 410;
        var retry = await Client.PostAsync($"/api/v1/webhooks/{webhookId}/deliveries/{(await DeliveriesAsync(webhookId)).Single()["id"]}/retry", null);
        retry.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _receiver.WaitForAsync(r => r.Received.Count == 2, () => Time.Advance(TimeSpan.FromSeconds(1)))).Should().BeTrue();

        var webhook = await ReadAsync(await Client.GetAsync($"/api/v1/webhooks/{webhookId}"));
        for (var i = 0; i < 100 && webhook["disabledAt"] is null; i++)
        {
            await Task.Delay(20);
            webhook = await ReadAsync(await Client.GetAsync($"/api/v1/webhooks/{webhookId}"));
        }
        webhook["disabledAt"].Should().NotBeNull();
        webhook["disabledReason"]!.GetValue<string>().Should().Contain("410");
    }

    /// <summary>
    /// A retry is one more send the dispatcher owes a receiver: refused while the delivery waits to be sent already, and
    /// beyond 30 per subscription in any hour.
    /// </summary>
    [Test]
    public async Task RetriesOfADelivery_WaitForItToSettle_AndAreLimitedPerSubscriptionAndHour()
    {
        var webhookId = (await SubscribeAsync())["webhook"]!["id"]!.GetValue<string>();
        _receiver.Answer = _ => 503;
        await OpenBreachedAsync();
        (await _receiver.WaitForAsync(r => r.Received.Count == 1)).Should().BeTrue();
        var deliveryId = (await DeliveriesAsync(webhookId)).Single()["id"]!.GetValue<string>();
        var retryUrl = $"/api/v1/webhooks/{webhookId}/deliveries/{deliveryId}/retry";
        (await (await Client.PostAsync(retryUrl, null)).ShouldBeProblemAsync(HttpStatusCode.Conflict))["code"]!.GetValue<string>()
            .Should().Be("webhook.delivery-pending", "its next attempt is scheduled already");

        _receiver.Answer = _ => 400;
        (await _receiver.WaitForAsync(r => r.Received.Count == 2, () => Time.Advance(TimeSpan.FromSeconds(1)))).Should().BeTrue();
        await SettledAsync(webhookId);
        for (var retry = 1; retry <= 30; retry++)
        {
            (await Client.PostAsync(retryUrl, null)).StatusCode.Should().Be(HttpStatusCode.Accepted, $"retry {retry} of 30");
            (await _receiver.WaitForAsync(r => r.Received.Count == 2 + retry)).Should().BeTrue();
            await SettledAsync(webhookId);
        }
        var refused = await Client.PostAsync(retryUrl, null);
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.Should().NotBeNull();

        Time.Advance(TimeSpan.FromHours(1));
        (await Client.PostAsync(retryUrl, null)).StatusCode.Should().Be(HttpStatusCode.Accepted, "the first retries are more than an hour old");
    }

    private async Task SettledAsync(string webhookId)
    {
        for (var i = 0; i < 200 && (await DeliveriesAsync(webhookId)).Single()["status"]!.GetValue<string>() == "pending"; i++)
            await Task.Delay(20);
        (await DeliveriesAsync(webhookId)).Single()["status"]!.GetValue<string>().Should().Be("failed");
    }

    [Test]
    public async Task ARotatedSecret_SignsBesideThePreviousOne_DuringTheOverlap()
    {
        Time.AdjustTime(ChristmasEve.AddHours(2));
        var subscribed = await SubscribeAsync();
        var webhookId = subscribed["webhook"]!["id"]!.GetValue<string>();
        var rotated = await ReadAsync(await Client.PostAsync($"/api/v1/webhooks/{webhookId}/secret", null));
        var newSecret = rotated["secret"]!.GetValue<string>();
        newSecret.Should().StartWith("whsec_").And.NotBe(_receiver.Secrets[0]);
        _receiver.Secrets.Add(newSecret);

        await OpenBreachedAsync();
        (await _receiver.WaitForAsync(r => r.Accepted.Any(), () => Time.Advance(TimeSpan.FromSeconds(1)))).Should().BeTrue();

        var delivery = _receiver.Received.First();
        delivery.Signature.Split(' ').Should().HaveCount(2).And.OnlyContain(s => s.StartsWith("v1,"));
        _receiver.Secrets.Should().OnlyContain(secret => delivery.SignedWith(secret), "both secrets sign until the overlap ends");
        delivery.VerifiedWith.Should().Equal([newSecret], "the current secret's signature comes first");

        // The resolution breaches on Friday at 00:00Z; the overlap ended on Christmas Day at 22:00Z.
        Time.Advance(TimeSpan.FromHours(25));
        (await _receiver.WaitForAsync(r => r.Received.Count > 1, () => Time.Advance(TimeSpan.FromSeconds(1)))).Should().BeTrue();
        _receiver.Received.Last().Signature.Split(' ').Should().ContainSingle("the previous secret stops signing when the overlap ends");
        _receiver.Received.Last().SignedWith(newSecret).Should().BeTrue();
    }

    [Test]
    public async Task WarningsOnlyDuringCoverage_WaitForTheCalendarToOpen_BreachesGoAtOnce()
    {
        await SubscribeAsync(new[] { "clock.breached", "clock.threshold-reached" }, onlyDuringCoverage: true);
        // P1 counts on 24x7, but the policy's own calendar is New York office hours, closed from Thursday 17:00 EST
        // until Monday 08:00 EST (13:00Z). The response breached at 21:00Z; the resolution (240 min) breaches on
        // Friday at 00:00Z; all six warnings fall while the office is closed.
        await OpenBreachedAsync();

        (await _receiver.WaitForAsync(r => r.Accepted.Any(), () => Time.Advance(TimeSpan.FromSeconds(1)))).Should().BeTrue();
        var beforeOpening = new DateTimeOffset(2026, 12, 28, 12, 59, 0, TimeSpan.Zero);
        Time.Advance(beforeOpening - Time.GetUtcNow());
        // Time moves on a little while waiting: a background loop that went to sleep just after the jump wakes in fake time,
        // and the office is still closed (13:00Z) when the wait gives up.
        (await _receiver.WaitForAsync(r => r.Received.Count == 2, () => StepUntil(beforeOpening.AddSeconds(50)))).Should().BeTrue();
        await Task.Delay(300);
        _receiver.Received.Select(r => $"{r.Body["type"]} {r.Body["data"]!["metric"]}").Should().Equal(
            "clock.breached response", "clock.breached resolution");

        Time.Advance(TimeSpan.FromMinutes(1));
        (await _receiver.WaitForAsync(r => r.Received.Count == 8, () => Time.Advance(TimeSpan.FromMilliseconds(100)))).Should().BeTrue();
        _receiver.Received.Skip(2).Select(r => $"{r.Body["data"]!["metric"]} {r.Body["data"]!["threshold"]}").Should().BeEquivalentTo(
            "response 50", "response 75", "response 90", "resolution 50", "resolution 75", "resolution 90");
    }

    [Test]
    public async Task ACustomerBoundKey_SubscribesToItsOwnCustomer_Only()
    {
        var key = await Factory.IssueKeyAsync([Scopes.WebhooksWrite, Scopes.SlaRead], Guid.Parse(CustomerId));
        using var bound = ClientWithKey(key);
        var other = (await CreateAsync("/api/v1/customers", Definitions.Customer("Other", id: "251")))["id"]!.GetValue<string>();

        var refused = await bound.PostAsJsonAsync("/api/v1/webhooks", new { url = _receiver.Url, types = new[] { "clock.breached" }, customerId = other });
        (await refused.ShouldBeValidationProblemAsync("customerId")).Should().ContainMatch("*own customer*");

        var own = await SubscribeAsync(client: bound);
        own["webhook"]!["customerId"]!.GetValue<string>().Should().Be(CustomerId);
        var listed = await ReadAsync(await bound.GetAsync("/api/v1/webhooks"));
        listed.AsArray().Should().ContainSingle();
        (await Client.GetAsync("/api/v1/webhooks")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task BadSubscriptions_AreRefused_NamingTheField()
    {
        var response = await PostAsync("/api/v1/webhooks", new { url = "ftp://example.com/x", types = new[] { "clock.breached" } });
        await response.ShouldBeValidationProblemAsync("url");
        response = await PostAsync("/api/v1/webhooks", new { url = _receiver.Url, types = new[] { "clock.exploded" } });
        await response.ShouldBeValidationProblemAsync("types[0]");
        response = await PostAsync("/api/v1/webhooks", new { url = _receiver.Url, types = new[] { "clock.breached" }, renewalDays = 0 });
        await response.ShouldBeValidationProblemAsync("renewalDays");
    }
}
