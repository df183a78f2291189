using System.Net;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Calendars;

/// <summary>Office hours New York: Mon–Fri 08:00–17:00, holidays 2026-12-25 and 2027-01-01 (EST is UTC-5).</summary>
public sealed class CalculatorEndpointsTests(TestEngine engine) : ApiTest(engine)
{
    private string _calendarId = "";

    [SetUp]
    public async Task DefineCalendar() =>
        _calendarId = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();

    [Test]
    public async Task DueDate_AcrossHoliday_SkipsIt()
    {
        // Thu 2026-12-24 16:00 EST: 1 h to 17:00; Fri holiday; Mon 12-28 08:00 EST = 13:00Z, +1 h = 14:00Z.
        var response = await PostAsync($"/api/v1/calendars/{_calendarId}/due-date", new { start = "2026-12-24T16:00:00-05:00", minutes = 120 });

        var body = await ReadAsync(response);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body["dueAt"]!.GetValue<string>().Should().Be("2026-12-28T14:00:00Z");
        body["calendarId"]!.GetValue<string>().Should().Be(_calendarId);
        body["calendarVersion"]!.GetValue<int>().Should().Be(1);
    }

    [Test]
    public async Task DueDate_PinnedVersion_UsesThatVersionsHours()
    {
        // Version 2 opens until 18:00. From Mon 2026-11-30 08:00 EST (13:00Z), 10 h:
        // version 1: 9 h on Monday, 1 h on Tuesday → Tue 09:00 EST = 14:00Z; version 2: Mon 18:00 EST = 23:00Z.
        var longerDays = Definitions.OfficeHoursNewYork().With("week", new { monday = Definitions.Hours("08:00", "18:00"), tuesday = Definitions.Hours("08:00", "18:00") });
        (await PutAsync($"/api/v1/calendars/{_calendarId}", longerDays, "\"1\"")).EnsureSuccessStatusCode();

        var pinned = await ReadAsync(await PostAsync($"/api/v1/calendars/{_calendarId}/due-date", new { start = "2026-11-30T13:00:00Z", minutes = 600, version = 1 }));
        var latest = await ReadAsync(await PostAsync($"/api/v1/calendars/{_calendarId}/due-date", new { start = "2026-11-30T13:00:00Z", minutes = 600 }));

        pinned["dueAt"]!.GetValue<string>().Should().Be("2026-12-01T14:00:00Z");
        latest["dueAt"]!.GetValue<string>().Should().Be("2026-11-30T23:00:00Z");
        latest["calendarVersion"]!.GetValue<int>().Should().Be(2);
    }

    [Test]
    public async Task BusinessTime_WithPause_SubtractsPausedOpenTime()
    {
        // Thu 12-24 08:00 EST (13:00Z) to Tue 12-29 17:00 EST (22:00Z): Thu 9 h + Mon 9 h + Tue 9 h = 27 h;
        // the pause covers Mon 08:00–10:00 EST, 2 open hours: 25 h = 90,000 s.
        var response = await PostAsync($"/api/v1/calendars/{_calendarId}/business-time", new
        {
            from = "2026-12-24T13:00:00Z",
            to = "2026-12-29T22:00:00Z",
            pauses = new[] { new { from = "2026-12-28T13:00:00Z", to = "2026-12-28T15:00:00Z" } },
        });

        (await ReadAsync(response))["businessSeconds"]!.GetValue<long>().Should().Be(90_000);
    }

    [Test]
    public async Task DueDate_On24x7_CountsRealTime()
    {
        var body = await ReadAsync(await PostAsync("/api/v1/calendars/24x7/due-date", new { start = "2026-03-08T06:00:00Z", minutes = 90 }));

        body["dueAt"]!.GetValue<string>().Should().Be("2026-03-08T07:30:00Z");
        body["calendarId"]!.GetValue<string>().Should().Be(Definitions.TwentyFourSeven);
    }

    [TestCase(-1)]
    [TestCase(5_256_001)]
    public async Task DueDate_MinutesOutOfRange_Returns400(int minutes)
    {
        var response = await PostAsync($"/api/v1/calendars/{_calendarId}/due-date", new { start = "2026-12-24T16:00:00Z", minutes });

        await response.ShouldBeValidationProblemAsync("minutes");
    }

    [Test]
    public async Task DueDate_StartWithoutOffset_Returns400()
    {
        var response = await PostAsync($"/api/v1/calendars/{_calendarId}/due-date", new { start = "2026-12-24T16:00:00", minutes = 1 });

        await response.ShouldBeValidationProblemAsync("start");
    }

    [Test]
    public async Task BusinessTime_ToBeforeFrom_Returns400()
    {
        var response = await PostAsync($"/api/v1/calendars/{_calendarId}/business-time", new { from = "2026-12-24T16:00:00Z", to = "2026-12-24T15:00:00Z" });

        await response.ShouldBeValidationProblemAsync("to");
    }

    [Test]
    public async Task BusinessTime_OverlappingPauses_Returns400()
    {
        var response = await PostAsync($"/api/v1/calendars/{_calendarId}/business-time", new
        {
            from = "2026-12-01T00:00:00Z",
            to = "2026-12-05T00:00:00Z",
            pauses = new[]
            {
                new { from = "2026-12-02T13:00:00Z", to = "2026-12-02T15:00:00Z" },
                new { from = "2026-12-02T14:00:00Z", to = "2026-12-02T16:00:00Z" },
            },
        });

        await response.ShouldBeValidationProblemAsync("pauses");
    }

    [Test]
    public async Task DueDate_UnknownCalendarOrVersion_Returns404()
    {
        await (await PostAsync($"/api/v1/calendars/{Guid.NewGuid()}/due-date", new { start = "2026-12-24T16:00:00Z", minutes = 1 }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await PostAsync($"/api/v1/calendars/{_calendarId}/due-date", new { start = "2026-12-24T16:00:00Z", minutes = 1, version = 9 }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
