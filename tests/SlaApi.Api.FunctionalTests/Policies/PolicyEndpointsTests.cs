using System.Net;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Policies;

public sealed class PolicyEndpointsTests(TestEngine engine) : ApiTest(engine)
{
    private string _calendarId = "";

    [SetUp]
    public async Task DefineCalendar() =>
        _calendarId = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();

    [Test]
    public async Task Define_WithoutOptionalFields_AppliesTheDocumentedDefaults()
    {
        var policy = await CreateAsync("/api/v1/policies", Definitions.Policy(_calendarId).Without("pauseStatuses"));

        policy["version"]!.GetValue<int>().Should().Be(1);
        policy["warningThresholds"]!.AsArray().Select(t => t!.GetValue<int>()).Should().Equal(75);
        policy["reopenWindowMinutes"]!.GetValue<int>().Should().Be(10080);
        policy["pauseResponse"]!.GetValue<bool>().Should().BeFalse();
        policy["pauseStatuses"]!.AsArray().Should().BeEmpty();
        policy["targets"]![0]!["calendarId"]!.GetValue<string>().Should().Be(Definitions.TwentyFourSeven);
        policy["targets"]![1]!["calendarId"].Should().BeNull();
    }

    [Test]
    public async Task Define_UnknownCalendars_Returns400NamingEachField()
    {
        var policy = Definitions.Policy(Guid.NewGuid().ToString()).With("targets", new object[]
        {
            new { priority = 1, responseMinutes = 15, resolutionMinutes = 240, calendarId = Guid.NewGuid() },
        });

        var response = await PostAsync("/api/v1/policies", policy);

        await response.ShouldBeValidationProblemAsync("calendarId");
        await response.ShouldBeValidationProblemAsync("targets[0].calendarId");
    }

    private static IEnumerable<TestCaseData> InvalidPolicies()
    {
        object Target(int priority, int response, int resolution, int? update = null) =>
            new { priority, responseMinutes = response, resolutionMinutes = resolution, updateMinutes = update };
        yield return new TestCaseData("targets", new[] { Target(1, 60, 30) }, "targets[0].resolutionMinutes").SetName("ResolutionBeforeResponse");
        yield return new TestCaseData("targets", new[] { Target(6, 10, 30) }, "targets[0].priority").SetName("PriorityOutOfRange");
        yield return new TestCaseData("targets", new[] { Target(1, 0, 30) }, "targets[0].responseMinutes").SetName("ZeroTarget");
        yield return new TestCaseData("targets", new[] { Target(1, 10, 30, 0) }, "targets[0].updateMinutes").SetName("ZeroUpdate");
        yield return new TestCaseData("targets", new[] { Target(2, 10, 30), Target(2, 20, 40) }, "targets").SetName("DuplicatePriority");
        yield return new TestCaseData("targets", Array.Empty<object>(), "targets").SetName("NoTargets");
        yield return new TestCaseData("warningThresholds", new[] { 90, 50 }, "warningThresholds").SetName("ThresholdsDescending");
        yield return new TestCaseData("warningThresholds", new[] { 100 }, "warningThresholds[0]").SetName("ThresholdOf100");
        yield return new TestCaseData("pauseStatuses", new[] { "Waiting Customer" }, "pauseStatuses[0]").SetName("PauseStatusNotACode");
        yield return new TestCaseData("reopenWindowMinutes", -1, "reopenWindowMinutes").SetName("NegativeReopenWindow");
        object Tier(string name, decimal surcharge, params object[] targets) => new { name, monthlySurchargePercent = surcharge, targets };
        yield return new TestCaseData("responseTiers", new[] { Tier("premium", 20, Target(1, 5, 60)), Tier("premium", 30, Target(1, 3, 60)) }, "responseTiers")
            .SetName("TierOfferedTwice");
        yield return new TestCaseData("responseTiers", new[] { Tier("Premium Plus", 20, Target(1, 5, 60)) }, "responseTiers[0].name").SetName("TierNameNotACode");
        yield return new TestCaseData("responseTiers", new[] { Tier("premium", -1, Target(1, 5, 60)) }, "responseTiers[0].monthlySurchargePercent")
            .SetName("NegativeSurcharge");
        yield return new TestCaseData("responseTiers", new[] { Tier("premium", 20, Target(1, 60, 30)) }, "responseTiers[0].targets[0].resolutionMinutes")
            .SetName("TierResolutionBeforeResponse");
        yield return new TestCaseData("responseTiers", new[] { Tier("premium", 20) }, "responseTiers[0].targets").SetName("TierWithoutTargets");
    }

    [TestCaseSource(nameof(InvalidPolicies))]
    public async Task Define_InvalidPolicy_Returns400NamingTheField(string key, object value, string field)
    {
        var response = await PostAsync("/api/v1/policies", Definitions.Policy(_calendarId).With(key, value));

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Test]
    public async Task Revise_ThenReadBothVersions()
    {
        var id = (await CreateAsync("/api/v1/policies", Definitions.Policy(_calendarId)))["id"]!.GetValue<string>();

        var revised = await PutAsync($"/api/v1/policies/{id}", Definitions.Policy(_calendarId).With("name", "Platinum").With("pauseResponse", true), "\"1\"");

        revised.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadAsync(await Client.GetAsync($"/api/v1/policies/{id}")))["pauseResponse"]!.GetValue<bool>().Should().BeTrue();
        (await ReadAsync(await Client.GetAsync($"/api/v1/policies/{id}/versions/1")))["name"]!.GetValue<string>().Should().Be("Gold");
        await (await PutAsync($"/api/v1/policies/{id}", Definitions.Policy(_calendarId), "\"1\"")).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        var list = await ReadAsync(await Client.GetAsync("/api/v1/policies"));
        list["items"]!.AsArray().Should().ContainSingle().Which!["version"]!.GetValue<int>().Should().Be(2);
    }
}
