using System.Net;
using System.Text;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Access;

public sealed class AccessControlTests(TestEngine engine) : ApiTest(engine)
{
    [Test]
    public async Task IssuedKey_WorksAsBearerOrHeader_AndIsNeverListedWithItsSecret()
    {
        var issued = await CreateAsync("/api/v1/keys", new { name = "ConnectWise", scopes = new[] { Scopes.IncidentsWrite, Scopes.SlaRead } });
        var text = issued["key"]!.GetValue<string>();

        text.Should().MatchRegex("^sla_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$");
        issued["details"]!["prefix"]!.GetValue<string>().Should().Be(text.Split('_')[1]);
        using var viaHeader = ClientWithKey(null);
        viaHeader.DefaultRequestHeaders.Add("X-Api-Key", text);
        (await viaHeader.GetAsync("/api/v1/calendars")).StatusCode.Should().Be(HttpStatusCode.OK);

        var listed = await Client.GetStringAsync("/api/v1/keys");
        // The secret is base64url and may itself hold '_': it is everything after the prefix.
        listed.Should().NotContain(text[(text.IndexOf('_', "sla_".Length) + 1)..]);
        listed.Should().Contain("\"lastUsedAt\":\"2026-11-25T12:00:00Z\"", "the key's use was recorded");
    }

    [Test]
    public async Task Revoke_TakesEffectAtOnce_AndUnknownKeyIs404()
    {
        var issued = await CreateAsync("/api/v1/keys", new { name = "short-lived", scopes = new[] { Scopes.SlaRead } });
        using var client = ClientWithKey(issued["key"]!.GetValue<string>());
        (await client.GetAsync("/api/v1/calendars")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await Client.DeleteAsync($"/api/v1/keys/{issued["details"]!["id"]}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await client.GetAsync("/api/v1/calendars")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await (await Client.DeleteAsync($"/api/v1/keys/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    private static IEnumerable<TestCaseData> InvalidKeys()
    {
        yield return new TestCaseData(new { name = "x", scopes = new[] { "superuser" } }, "scopes[0]").SetName("UnknownScope");
        yield return new TestCaseData(new { name = "x", scopes = Array.Empty<string>() }, "scopes").SetName("NoScope");
        yield return new TestCaseData(new { name = "x", scopes = Enumerable.Repeat(Scopes.SlaRead, 1_000).ToArray() }, "scopes").SetName("RepeatedScope");
        yield return new TestCaseData(new { name = "", scopes = new[] { Scopes.SlaRead } }, "name").SetName("NoName");
        yield return new TestCaseData(new { name = "x", scopes = new[] { Scopes.SlaRead }, customerId = Guid.NewGuid() }, "customerId").SetName("UnknownCustomer");
        yield return new TestCaseData(new { name = "x", scopes = new[] { Scopes.SlaRead }, expiresAt = "2026-11-25T11:00:00Z" }, "expiresAt").SetName("ExpiresInThePast");
    }

    [TestCaseSource(nameof(InvalidKeys))]
    public async Task Create_Invalid_Returns400NamingTheField(object body, string field) =>
        await (await PostAsync("/api/v1/keys", body)).ShouldBeValidationProblemAsync(field);

    [TestCase(Scopes.Admin)]
    [TestCase(Scopes.DefinitionsWrite)]
    public async Task Create_CustomerBoundKeyWithCrossCustomerScope_Returns400(string scope)
    {
        var customer = await CreateAsync("/api/v1/customers", Definitions.Customer());

        var response = await PostAsync("/api/v1/keys", new { name = "x", scopes = new[] { scope }, customerId = customer["id"] });

        await response.ShouldBeValidationProblemAsync("scopes");
    }

    [Test]
    public async Task CustomerBoundKey_ListsAndLooksUpOnlyItsOwnCustomer()
    {
        var calendarId = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();
        var policyId = (await CreateAsync("/api/v1/policies", Definitions.Policy(calendarId)))["id"]!.GetValue<string>();
        var mine = (await CreateAsync("/api/v1/customers", Definitions.Customer("Mine", "psa", "1")))["id"]!.GetValue<string>();
        var theirs = (await CreateAsync("/api/v1/customers", Definitions.Customer("Theirs", "psa", "2")))["id"]!.GetValue<string>();
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(mine, policyId));
        await CreateAsync("/api/v1/agreements", Definitions.Agreement(theirs, policyId));
        using var client = ClientWithKey(await Factory.IssueKeyAsync([Scopes.SlaRead], Guid.Parse(mine)));

        var customers = await ReadAsync(await client.GetAsync("/api/v1/customers"));
        var lookup = await ReadAsync(await client.GetAsync("/api/v1/customers?externalSource=psa&externalId=2"));
        var agreements = await ReadAsync(await client.GetAsync("/api/v1/agreements"));
        var expiring = await ReadAsync(await client.GetAsync("/api/v1/agreements/expiring"));

        customers["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).Should().Equal(mine);
        customers["totalItems"]!.GetValue<long>().Should().Be(1);
        lookup["items"]!.AsArray().Should().BeEmpty("another customer's reference is not found");
        agreements["items"]!.AsArray().Select(a => a!["customerId"]!.GetValue<string>()).Should().Equal(mine);
        expiring["items"]!.AsArray().Select(a => a!["customerId"]!.GetValue<string>()).Should().Equal(mine);
        await (await client.GetAsync($"/api/v1/customers/{theirs}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task BodyOverOneMebibyte_Returns413()
    {
        var body = "{\"name\":\"" + new string('x', 1024 * 1024) + "\"}";

        var response = await Client.PostAsync("/api/v1/customers", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task RateLimit_PerKey_Answers429WithRetryAfter()
    {
        await using var limited = new SlaApiFactory(Database, Time, new Dictionary<string, string?>
        {
            ["RateLimit:TokenLimit"] = "3",
            ["RateLimit:TokensPerSecond"] = "1",
        });
        using var first = limited.CreateClient();
        using var second = limited.CreateClient();
        first.DefaultRequestHeaders.Authorization = new("Bearer", await limited.IssueKeyAsync([Scopes.SlaRead]));
        second.DefaultRequestHeaders.Authorization = new("Bearer", await limited.IssueKeyAsync([Scopes.SlaRead]));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await first.GetAsync("/api/v1/calendars");
            statuses.Add(response.StatusCode);
            rejected ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        statuses.Take(3).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        rejected.Should().NotBeNull();
        await rejected!.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        int.Parse(rejected.Headers.GetValues("Retry-After").Single()).Should().BeGreaterThanOrEqualTo(1);
        (await second.GetAsync("/api/v1/calendars")).StatusCode.Should().Be(HttpStatusCode.OK, "each key has its own bucket");
    }
}
