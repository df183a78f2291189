using System.Net;
using FluentAssertions;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Common;

public sealed class PipelineTests(TestEngine engine) : ApiTest(engine)
{
    [Test]
    public async Task UnknownRoute_Returns404Problem() =>
        await (await Client.GetAsync("/api/v1/nothing-here")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

    [Test]
    public async Task WrongMethod_Returns405Problem() =>
        await (await Client.DeleteAsync("/api/v1/calendars")).ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);

    [Test]
    public async Task EmptyBody_Returns400Problem() =>
        await (await PostRawAsync("/api/v1/customers", "")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

    /// <summary>A browser asks for HTML and a spreadsheet for CSV; an error is a problem document all the same.</summary>
    [TestCase("text/html")]
    [TestCase("text/csv")]
    [TestCase("application/xml")]
    public async Task Errors_AreProblemJson_WhateverTheAcceptHeader(string accept)
    {
        async Task<HttpResponseMessage> Get(string url)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd(accept);
            return await Client.SendAsync(request);
        }

        await (await Get("/nope")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Get($"/api/v1/incidents/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Get("/api/v1/reports/compliance")).ShouldBeValidationProblemAsync("from");
    }

    [Test]
    public async Task Health_LiveAndReady_AreHealthy()
    {
        (await Client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await Client.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }
}
