using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Alerts;

/// <summary>
/// A stream outlives the authentication of the request that opened it: it ends once its key is revoked or expires.
/// And no tenant can take every stream a node serves: each key and each customer has its share.
/// </summary>
public sealed class AlertStreamAccessTests(TestEngine engine) : AlertTest(engine)
{
    [Test]
    public async Task AStream_EndsWithinASecondOfItsKeysRevocation()
    {
        var issued = await ReadAsync(await PostAsync("/api/v1/keys", new { name = "dashboard", scopes = new[] { Scopes.SlaRead }, customerId = CustomerId }));
        using var holder = ClientWithKey(issued["key"]!.GetValue<string>());
        using var stream = await AlertStreams.OpenAsync(holder);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var ended = reader.ReadToEndAsync();

        (await Client.DeleteAsync($"/api/v1/keys/{issued["details"]!["id"]}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        Time.Advance(TimeSpan.FromSeconds(1));

        (await EndsAsync(ended)).Should().BeTrue("the stream's next poll finds its key revoked");
    }

    [Test]
    public async Task AStream_EndsOnceItsKeyExpires()
    {
        using var holder = ClientWithKey(await Factory.IssueKeyAsync([Scopes.SlaRead], expiresAt: Now.AddMinutes(10)));
        using var stream = await AlertStreams.OpenAsync(holder);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var ended = reader.ReadToEndAsync();

        Time.Advance(TimeSpan.FromMinutes(5));
        (await EndsAsync(ended, TimeSpan.FromMilliseconds(500))).Should().BeFalse("the key is still valid");
        Time.Advance(TimeSpan.FromMinutes(6));
        (await EndsAsync(ended)).Should().BeTrue();
    }

    [Test]
    public async Task OneKey_OpensAtMostItsShare_AndTheCustomerItsOwn_WhileOthersStillConnect()
    {
        var first = await Factory.IssueKeyAsync([Scopes.SlaRead], Guid.Parse(CustomerId));
        var second = await Factory.IssueKeyAsync([Scopes.SlaRead], Guid.Parse(CustomerId));
        var third = await Factory.IssueKeyAsync([Scopes.SlaRead], Guid.Parse(CustomerId));
        var streams = new List<HttpResponseMessage>();
        try
        {
            using var firstClient = ClientWithKey(first);
            for (var i = 0; i < 5; i++)
                streams.Add(await AlertStreams.OpenAsync(firstClient));
            var sixth = await AlertStreams.TryOpenAsync(firstClient);
            (await sixth.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests))["detail"]!.GetValue<string>().Should().Contain("This key holds 5");
            sixth.Headers.RetryAfter.Should().NotBeNull();

            using var secondClient = ClientWithKey(second);
            for (var i = 0; i < 5; i++)
                streams.Add(await AlertStreams.OpenAsync(secondClient));
            using var thirdClient = ClientWithKey(third);
            var eleventh = await AlertStreams.TryOpenAsync(thirdClient);
            (await eleventh.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests))["detail"]!.GetValue<string>().Should().Contain("This customer's keys hold 10");

            streams.Add(await AlertStreams.OpenAsync(Client));

            streams[0].Dispose();
            await WaitUntilOpensAsync(firstClient, streams);
        }
        finally
        {
            foreach (var stream in streams)
                stream.Dispose();
        }
    }

    /// <summary>A closed stream gives its place back once its response has ended on the server.</summary>
    private static async Task WaitUntilOpensAsync(HttpClient client, List<HttpResponseMessage> streams)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await AlertStreams.TryOpenAsync(client);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                streams.Add(response);
                return;
            }
            response.Dispose();
            if (DateTime.UtcNow > deadline)
                Assert.Fail("The closed stream's place never came back.");
            await Task.Delay(50);
        }
    }

    /// <summary>Whether the stream, read to its end by <paramref name="ended"/>, ends within <paramref name="wait"/> (five seconds when absent).</summary>
    private static async Task<bool> EndsAsync(Task<string> ended, TimeSpan? wait = null) =>
        await Task.WhenAny(ended, Task.Delay(wait ?? TimeSpan.FromSeconds(5))) == ended;
}
