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

    [Test]
    public async Task Health_LiveAndReady_AreHealthy()
    {
        (await Client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await Client.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }
}
