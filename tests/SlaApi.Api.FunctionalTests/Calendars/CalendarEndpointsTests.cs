using System.Net;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Calendars;

public sealed class CalendarEndpointsTests(TestEngine engine) : ApiTest(engine)
{
    [Test]
    public async Task Define_ValidCalendar_Returns201WithLocationETagAndVersion1()
    {
        var response = await PostAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork());

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await ReadAsync(response);
        response.Headers.Location!.ToString().Should().Be($"/api/v1/calendars/{body["id"]}");
        response.Headers.ETag!.Tag.Should().Be("\"1\"");
        body["version"]!.GetValue<int>().Should().Be(1);
        body["week"]!["monday"]![0]!["end"]!.GetValue<string>().Should().Be("17:00");
        body["week"]!["saturday"]!.AsArray().Should().BeEmpty();
        body["holidays"]!.AsArray().Should().HaveCount(2);
        body["versionEffectiveFrom"]!.GetValue<string>().Should().Be("2026-11-25T12:00:00Z");

        var read = await ReadAsync(await Client.GetAsync(response.Headers.Location));
        read.ToJsonString().Should().Be(body.ToJsonString());
    }

    [Test]
    public async Task Define_OvernightAndEndOfDayIntervals_AreAccepted()
    {
        var calendar = Definitions.OfficeHoursNewYork().With("week", new
        {
            friday = new[] { new { start = "22:00", end = "06:00" } },
            saturday = new[] { new { start = "08:00", end = "24:00" } },
        });

        (await PostAsync("/api/v1/calendars", calendar)).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    private static IEnumerable<TestCaseData> InvalidCalendars()
    {
        var valid = Definitions.OfficeHoursNewYork();
        yield return new TestCaseData(valid.With("timeZone", "Mars/Olympus_Mons"), "timeZone").SetName("UnknownZone");
        yield return new TestCaseData(valid.With("name", ""), "name").SetName("EmptyName");
        yield return new TestCaseData(valid.With("name", new string('x', 201)), "name").SetName("NameTooLong");
        yield return new TestCaseData(valid.With("week", new { monday = Definitions.Hours("24:00", "17:00") }), "week.monday[0].start").SetName("StartAt2400");
        yield return new TestCaseData(valid.With("week", new { monday = Definitions.Hours("8:00", "17:00") }), "week.monday[0].start").SetName("StartNotHHmm");
        yield return new TestCaseData(valid.With("week", new { monday = Definitions.Hours("08:00", "24:01") }), "week.monday[0].end").SetName("EndAfter2400");
        yield return new TestCaseData(valid.With("week", new { monday = new[] { new { start = "08:00", end = "12:00" }, new { start = "11:00", end = "13:00" } } }), "week").SetName("OverlapOnOneDay");
        yield return new TestCaseData(valid.With("week", new { friday = Definitions.Hours("22:00", "06:00"), saturday = Definitions.Hours("05:00", "09:00") }), "week").SetName("OvernightOverlapsNextDay");
        yield return new TestCaseData(valid.With("week", new { }), "week").SetName("NoOpenTime");
        yield return new TestCaseData(valid.Without("week"), "week").SetName("WeekMissing");
        yield return new TestCaseData(valid.With("holidays", new[] { new { date = "2026-12-25", name = "A" }, new { date = "2026-12-25", name = "B" } }), "holidays").SetName("DuplicateHoliday");
        yield return new TestCaseData(valid.With("holidays", Enumerable.Range(0, 2001).Select(d => new { date = new DateOnly(2026, 1, 1).AddDays(d).ToString("yyyy-MM-dd"), name = "Closed" })), "holidays").SetName("TooManyHolidays");
        yield return new TestCaseData(valid.With("holidays", new[] { new { date = "2026-12-25", name = "" } }), "holidays[0].name").SetName("HolidayWithoutName");
    }

    [TestCaseSource(nameof(InvalidCalendars))]
    public async Task Define_InvalidCalendar_Returns400NamingTheField(Dictionary<string, object?> calendar, string field)
    {
        var response = await PostAsync("/api/v1/calendars", calendar);

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Test]
    public async Task Define_DurationInDays_IsRefusedAsUnknownField()
    {
        var response = await PostAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork().With("responseDays", 1));

        await response.ShouldBeValidationProblemAsync("responseDays");
    }

    [Test]
    public async Task Define_MalformedJson_Returns400NamingWhereItBroke()
    {
        var response = await PostRawAsync("/api/v1/calendars", """{"name": "x", "timeZone": 5""");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Define_InvalidHolidayDate_Returns400NamingTheField()
    {
        var response = await PostAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork().With("holidays", new[] { new { date = "2026-02-30", name = "No such day" } }));

        await response.ShouldBeValidationProblemAsync("holidays[0].date");
    }

    [Test]
    public async Task Define_NotJson_Returns415Problem()
    {
        var response = await PostRawAsync("/api/v1/calendars", "name=x", "application/x-www-form-urlencoded");

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task Revise_WithCurrentVersion_StoresTheNextAndKeepsHistory()
    {
        var created = await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork());
        var id = created["id"]!.GetValue<string>();
        Time.Advance(TimeSpan.FromHours(1));

        var response = await PutAsync($"/api/v1/calendars/{id}", Definitions.OfficeHoursNewYork().With("name", "Renamed"), "\"1\"");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.Should().Be("\"2\"");
        var latest = await ReadAsync(await Client.GetAsync($"/api/v1/calendars/{id}"));
        latest["version"]!.GetValue<int>().Should().Be(2);
        latest["name"]!.GetValue<string>().Should().Be("Renamed");
        latest["versionEffectiveFrom"]!.GetValue<string>().Should().Be("2026-11-25T13:00:00Z");
        (await ReadAsync(await Client.GetAsync($"/api/v1/calendars/{id}/versions/1")))["name"]!.GetValue<string>().Should().Be("Office hours New York");
        await (await Client.GetAsync($"/api/v1/calendars/{id}/versions/3")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Revise_WithStaleVersion_Returns412AndChangesNothing()
    {
        var id = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();
        (await PutAsync($"/api/v1/calendars/{id}", Definitions.OfficeHoursNewYork().With("name", "First edit"), "\"1\"")).EnsureSuccessStatusCode();

        var response = await PutAsync($"/api/v1/calendars/{id}", Definitions.OfficeHoursNewYork().With("name", "Lost edit"), "\"1\"");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        problem["currentVersion"]!.GetValue<int>().Should().Be(2);
        (await ReadAsync(await Client.GetAsync($"/api/v1/calendars/{id}")))["name"]!.GetValue<string>().Should().Be("First edit");
    }

    [Test]
    public async Task Revise_WithoutIfMatch_Returns428()
    {
        var id = (await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork()))["id"]!.GetValue<string>();

        var response = await PutAsync($"/api/v1/calendars/{id}", Definitions.OfficeHoursNewYork(), null);

        await response.ShouldBeProblemAsync((HttpStatusCode)428);
    }

    [Test]
    public async Task Revise_BuiltInCalendar_Returns409()
    {
        var response = await PutAsync("/api/v1/calendars/24x7", Definitions.OfficeHoursNewYork(), "\"1\"");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem["code"]!.GetValue<string>().Should().Be("calendar.built-in");
    }

    [Test]
    public async Task Revise_UnknownCalendar_Returns404()
    {
        var response = await PutAsync($"/api/v1/calendars/{Guid.NewGuid()}", Definitions.OfficeHoursNewYork(), "\"1\"");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Get_BuiltIn24x7_ByAliasAndById()
    {
        var byAlias = await ReadAsync(await Client.GetAsync("/api/v1/calendars/24x7"));
        var byId = await ReadAsync(await Client.GetAsync($"/api/v1/calendars/{Definitions.TwentyFourSeven}"));

        byAlias["builtIn"]!.GetValue<bool>().Should().BeTrue();
        byAlias["timeZone"]!.GetValue<string>().Should().Be("UTC");
        byAlias["week"]!["sunday"]![0]!["end"]!.GetValue<string>().Should().Be("24:00");
        byId.ToJsonString().Should().Be(byAlias.ToJsonString());
    }

    [Test]
    public async Task Get_UnknownOrMalformedId_Returns404()
    {
        await (await Client.GetAsync($"/api/v1/calendars/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync("/api/v1/calendars/not-an-id")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task List_Pages_BuiltInFirst()
    {
        await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork().With("name", "A"));
        Time.Advance(TimeSpan.FromSeconds(1));
        await CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork().With("name", "B"));

        var first = await ReadAsync(await Client.GetAsync("/api/v1/calendars?page=1&pageSize=2"));
        var second = await ReadAsync(await Client.GetAsync("/api/v1/calendars?page=2&pageSize=2"));

        first["totalItems"]!.GetValue<long>().Should().Be(3);
        first["items"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Equal("24x7", "A");
        second["items"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Equal("B");
    }

    [TestCase("pageSize=201", "pageSize")]
    [TestCase("pageSize=0", "pageSize")]
    [TestCase("page=0", "page")]
    [TestCase("page=two", "page")]
    public async Task List_BadPaging_Returns400NamingTheParameter(string query, string field)
    {
        await (await Client.GetAsync($"/api/v1/calendars?{query}")).ShouldBeValidationProblemAsync(field);
    }
}
