using System.Net;
using System.Text;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Connectors;

/// <summary>
/// Inbound URLs take no API key, so guessing them is throttled per client address: a URL naming no connection is
/// refused before its body is read, and once an address has failed too often it is answered 429 without a lookup,
/// while a connection the node has just served still receives from it.
/// </summary>
public sealed class InboundThrottleTests(TestEngine engine) : ApiTest(engine)
{
    [Test]
    public async Task GuessingInboundUrls_IsThrottledPerAddress_AndAKnownConnectionStillReceives()
    {
        await using var factory = new SlaApiFactory(Database, new FakeTimeProvider(Now), new Dictionary<string, string?> { ["RateLimit:FailedInboundPerMinute"] = "3" });
        using var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await factory.IssueKeyAsync([Scopes.Admin]));
        var created = await ReadAsync(await admin.PostAsync("/api/v1/connections", Json(new { kind = "ninjaone", name = "NinjaOne" })));
        var known = new Uri(created["inboundUrl"]!.GetValue<string>()).AbsolutePath;
        using var tool = factory.CreateClient();
        (await tool.PostAsync(known, Json(new { id = 1 }))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        for (var i = 0; i < 3; i++)
            (await tool.PostAsync($"/api/v1/inbound/{Guid.NewGuid()}/guess", Json(new { id = i }))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var throttled = await tool.PostAsync($"/api/v1/inbound/{Guid.NewGuid()}/guess", Json(new { id = 4 }));

        await throttled.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        throttled.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromMinutes(1));
        (await tool.PostAsync(known, Json(new { id = 5 }))).StatusCode.Should().Be(HttpStatusCode.Accepted, "a connection the node has just served still receives");
        (await tool.PostAsync(known[..known.LastIndexOf('/')] + "/wrong-token", Json(new { id = 6 }))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
