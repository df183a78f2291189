using FluentAssertions;
using SlaApi.Application.Calendars;
using SlaApi.Application.Calendars.DefineCalendar;

namespace SlaApi.Application.UnitTests.Calendars;

public sealed class DefineCalendarValidatorTests
{
    private static readonly DefineCalendarValidator Validator = new();

    private static DefineCalendarCommand Command(WeeklyHours week, IReadOnlyList<HolidayEntry>? holidays = null, string zone = "Europe/London") =>
        new("Office", zone, week, holidays);

    private static WeeklyHours Monday(params (string Start, string End)[] hours) =>
        new(hours.Select(h => new OpeningHours(h.Start, h.End)).ToArray(), null, null, null, null, null, null);

    [TestCase("08:00", "17:00")]
    [TestCase("00:00", "24:00")]
    [TestCase("22:00", "06:00")]
    [TestCase("08:00", "08:00")]
    public void Validate_WellFormedInterval_Passes(string start, string end) =>
        Validator.Validate(Command(Monday((start, end)))).IsValid.Should().BeTrue();

    [TestCase("24:00", "17:00", "week.monday[0].start")]
    [TestCase("8:00", "17:00", "week.monday[0].start")]
    [TestCase("08:60", "17:00", "week.monday[0].start")]
    [TestCase("08:00", "24:30", "week.monday[0].end")]
    [TestCase("08:00", "noon", "week.monday[0].end")]
    public void Validate_MalformedTime_NamesTheField(string start, string end, string field) =>
        Validator.Validate(Command(Monday((start, end)))).Errors.Select(e => e.PropertyName).Should().Contain(field);

    [Test]
    public void Validate_OverlapOnOneDay_NamesBothIntervals()
    {
        var result = Validator.Validate(Command(Monday(("08:00", "12:00"), ("11:59", "13:00"))));

        result.Errors.Should().ContainSingle(e => e.PropertyName == "week")
            .Which.ErrorMessage.Should().Contain("Monday 08:00-12:00").And.Contain("Monday 11:59-13:00");
    }

    [Test]
    public void Validate_TouchingIntervals_Pass() =>
        Validator.Validate(Command(Monday(("08:00", "12:00"), ("12:00", "13:00")))).IsValid.Should().BeTrue();

    [Test]
    public void Validate_NoOpenInterval_Fails() =>
        Validator.Validate(Command(Monday())).Errors.Select(e => e.PropertyName).Should().Contain("week");

    [Test]
    public void Validate_UnknownZone_Fails() =>
        Validator.Validate(Command(Monday(("08:00", "17:00")), zone: "Europe/Atlantis")).Errors.Select(e => e.PropertyName).Should().Equal("timeZone");

    [Test]
    public void Validate_2000Holidays_PassesAnd2001Fails()
    {
        HolidayEntry[] Holidays(int count) => Enumerable.Range(0, count).Select(d => new HolidayEntry(new DateOnly(2026, 1, 1).AddDays(d), "Closed")).ToArray();

        Validator.Validate(Command(Monday(("08:00", "17:00")), Holidays(2000))).IsValid.Should().BeTrue();
        Validator.Validate(Command(Monday(("08:00", "17:00")), Holidays(2001))).Errors.Select(e => e.PropertyName).Should().Contain("holidays");
    }
}
