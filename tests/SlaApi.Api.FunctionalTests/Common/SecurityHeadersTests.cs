using System.Net;
using FluentAssertions;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Common;

public sealed class SecurityHeadersTests(TestEngine engine) : ApiTest(engine)
{
    [TestCase("/api/v1/calendars")]
    [TestCase("/api/v1/nothing-here")]
    [TestCase("/health/ready")]
    public async Task ApiAnswers_AreNeitherSniffedNorFramedNorCached(string url)
    {
        var response = await Client.GetAsync(url);

        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'");
    }

    [Test]
    public async Task SwaggerUi_RunsOnlyItsOwnScripts()
    {
        var response = await Client.GetAsync("/swagger/index.html");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("default-src 'none'").And.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'");
        policy.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)).Should().NotContain("unsafe");
        (await response.Content.ReadAsStringAsync()).Should().NotMatchRegex("<script>", "an inline script would be refused by the policy");
    }

    [TestCase("/dashboard/")]
    [TestCase("/dashboard/dashboard.js")]
    public async Task Dashboard_IsServedWithoutAKey_AndRunsOnlyItsOwnScriptAndStyles(string url)
    {
        using var anonymous = Factory.CreateClient();

        var response = await anonymous.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("default-src 'none'").And.Contain("script-src 'self'").And.Contain("style-src 'self'")
            .And.Contain("connect-src 'self'").And.Contain("form-action 'none'").And.NotContain("unsafe");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
    }

    [Test]
    public async Task Dashboard_HasNoInlineScriptOrStyle()
    {
        var html = await (await Factory.CreateClient().GetAsync("/dashboard/")).Content.ReadAsStringAsync();

        html.Should().Contain("<script src=\"dashboard.js\"").And.NotMatchRegex("<script>|<style|style=\"");
    }

    [Test]
    public async Task Swagger_CanBeTurnedOff()
    {
        await using var factory = new SlaApiFactory(Database, Time, new Dictionary<string, string?> { ["Swagger:Enabled"] = "false" });
        using var client = factory.CreateClient();

        (await client.GetAsync("/swagger/index.html")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "no page is served there, so the route needs a key like any other");
        (await client.GetAsync("/swagger/v1/swagger.json")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
