using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.UnitTests.Builders;

namespace SlaApi.Domain.UnitTests.Calendars;

public sealed class BusinessCalendarTests
{
    [Test]
    public void AddBusinessTime_StartOnHoliday_BeginsAtNextOpening()
    {
        // Fri 2026-12-25 is a holiday; the next opening is Mon 12-28 08:00 EST = 13:00Z; one hour later 14:00Z.
        var calendar = new CalendarBuilder().InZone("America/New_York").Open("Mon-Fri", "08:00-17:00")
            .WithHoliday(2026, 12, 25).Build();
        var christmasMorning = Instant.FromUtc(2026, 12, 25, 15, 0);

        calendar.IsOpen(christmasMorning).Should().BeFalse();
        calendar.NextOpening(christmasMorning).Should().Be(Instant.FromUtc(2026, 12, 28, 13, 0));
        calendar.AddBusinessTime(christmasMorning, Duration.FromHours(1)).Should().Be(Instant.FromUtc(2026, 12, 28, 14, 0));
    }

    [Test]
    public void AddBusinessTime_StartExactlyAtClosing_ContinuesNextMorning()
    {
        // Mon 2026-03-02 17:00 EST = 22:00Z is closed; Tue 08:00 EST = 13:00Z, +30 min = 13:30Z.
        var calendar = CalendarBuilder.OfficeHoursNewYork();
        var closing = Instant.FromUtc(2026, 3, 2, 22, 0);

        calendar.IsOpen(closing).Should().BeFalse();
        calendar.AddBusinessTime(closing, Duration.FromMinutes(30)).Should().Be(Instant.FromUtc(2026, 3, 3, 13, 30));
    }

    [Test]
    public void AddBusinessTime_TargetFillsTheDay_EndsAtClosingNotNextOpening()
    {
        // Mon 2026-03-02 08:00 EST = 13:00Z; nine hours fill the day and end at 17:00 EST = 22:00Z.
        var calendar = CalendarBuilder.OfficeHoursNewYork();

        calendar.AddBusinessTime(Instant.FromUtc(2026, 3, 2, 13, 0), Duration.FromHours(9))
            .Should().Be(Instant.FromUtc(2026, 3, 2, 22, 0));
    }

    [Test]
    public void AddBusinessTime_StartOnWeekend_BeginsMonday()
    {
        // Sat 2026-03-07 12:00 EST; Mon 2026-03-09 08:00 EDT = 12:00Z (clocks changed on Sunday), +1 h = 13:00Z.
        var calendar = CalendarBuilder.OfficeHoursNewYork();

        calendar.AddBusinessTime(Instant.FromUtc(2026, 3, 7, 17, 0), Duration.FromHours(1))
            .Should().Be(Instant.FromUtc(2026, 3, 9, 13, 0));
    }

    [Test]
    public void AddBusinessTime_ZeroDuration_IsNextOpening()
    {
        var calendar = CalendarBuilder.OfficeHoursNewYork();
        var saturday = Instant.FromUtc(2026, 3, 7, 17, 0);

        calendar.AddBusinessTime(saturday, Duration.Zero).Should().Be(calendar.NextOpening(saturday));
    }

    [Test]
    public void AddBusinessTime_SplitShift_SkipsLunch()
    {
        // London in January is GMT. Mon 2026-01-05 11:00: one hour to 12:00, then 13:00–14:00.
        var calendar = new CalendarBuilder().InZone("Europe/London")
            .Open("Mon-Fri", "08:00-12:00").Open("Mon-Fri", "13:00-17:00").Build();

        calendar.AddBusinessTime(Instant.FromUtc(2026, 1, 5, 11, 0), Duration.FromHours(2))
            .Should().Be(Instant.FromUtc(2026, 1, 5, 14, 0));
        calendar.IsOpen(Instant.FromUtc(2026, 1, 5, 12, 30)).Should().BeFalse();
        calendar.BusinessTimeBetween(Instant.FromUtc(2026, 1, 5, 0, 0), Instant.FromUtc(2026, 1, 6, 0, 0))
            .Should().Be(Duration.FromHours(8));
    }

    [Test]
    public void AddBusinessTime_FiveDaysOverYearEndWithHolidays_SkipsBothHolidays()
    {
        // Thu 2026-12-24 16:00 EST: 1 h that day; Fri 12-25 holiday; Mon 28–Thu 31 give 36 h (37 in all);
        // Fri 2027-01-01 holiday; Mon 2027-01-04 needs 8 h more: 16:00 EST = 21:00Z.
        var calendar = new CalendarBuilder().InZone("America/New_York").Open("Mon-Fri", "08:00-17:00")
            .WithHoliday(2026, 12, 25).WithHoliday(2027, 1, 1).Build();

        calendar.AddBusinessTime(Instant.FromUtc(2026, 12, 24, 21, 0), Duration.FromHours(45))
            .Should().Be(Instant.FromUtc(2027, 1, 4, 21, 0));
    }

    [Test]
    public void OvernightShift_IntoAndOutOfHoliday_ClosesOnlyTheHolidayDate()
    {
        // Every night 22:00–06:00 in London (GMT in December), holiday Fri 2026-12-25.
        // Dec 24: 00:00–06:00 (from Dec 23) + 22:00–24:00 = 8 h; Dec 25: nothing; Dec 26: 00:00–06:00 + 22:00–24:00 = 8 h.
        var calendar = new CalendarBuilder().InZone("Europe/London").Open("Mon-Sun", "22:00-06:00")
            .WithHoliday(2026, 12, 25).Build();

        calendar.BusinessTimeBetween(Instant.FromUtc(2026, 12, 24, 0, 0), Instant.FromUtc(2026, 12, 27, 0, 0))
            .Should().Be(Duration.FromHours(16));
        calendar.IsOpen(Instant.FromUtc(2026, 12, 24, 23, 0)).Should().BeTrue("the holiday eve's own part is open");
        calendar.IsOpen(Instant.FromUtc(2026, 12, 25, 3, 0)).Should().BeFalse("the part falling on the holiday is closed");
        calendar.IsOpen(Instant.FromUtc(2026, 12, 26, 3, 0)).Should().BeTrue("the part falling on the next ordinary date is open");
        calendar.NextOpening(Instant.FromUtc(2026, 12, 25, 0, 0)).Should().Be(Instant.FromUtc(2026, 12, 26, 0, 0));
    }

    [Test]
    public void TwentyFourSeven_CountsEveryRealSecond()
    {
        var calendar = BusinessCalendar.TwentyFourSeven;
        var from = Instant.FromUtc(2026, 3, 8, 1, 0);

        calendar.BusinessTimeBetween(from, from + Duration.FromDays(400)).Should().Be(Duration.FromDays(400));
        calendar.AddBusinessTime(from, Duration.FromMinutes(5_256_000)).Should().Be(from + Duration.FromMinutes(5_256_000));
        calendar.IsOpen(from).Should().BeTrue();
    }

    [Test]
    public void BusinessTimeBetween_ToBeforeFrom_IsZero()
    {
        var calendar = BusinessCalendar.TwentyFourSeven;
        var instant = Instant.FromUtc(2026, 5, 1, 12, 0);

        calendar.BusinessTimeBetween(instant, instant - Duration.FromHours(1)).Should().Be(Duration.Zero);
    }

    [Test]
    public void BusinessTimeBetween_WithPauses_SubtractsOpenTimeInsidePauses()
    {
        // Mon 2026-03-02 08:00–17:00 EST = 13:00Z–22:00Z; a pause 12:00Z–15:00Z overlaps 2 open hours; one 23:00Z–23:30Z none.
        var calendar = CalendarBuilder.OfficeHoursNewYork();
        Interval[] pauses = [new(Instant.FromUtc(2026, 3, 2, 12, 0), Instant.FromUtc(2026, 3, 2, 15, 0)),
                             new(Instant.FromUtc(2026, 3, 2, 23, 0), Instant.FromUtc(2026, 3, 2, 23, 30))];

        calendar.BusinessTimeBetween(Instant.FromUtc(2026, 3, 2, 0, 0), Instant.FromUtc(2026, 3, 3, 0, 0), pauses)
            .Should().Be(Duration.FromHours(7));
    }

    [Test]
    public void AddBusinessTime_WithPause_SkipsThePausedTime()
    {
        // Start Mon 13:00Z (08:00 EST); paused 14:00Z–16:00Z; 3 h of target: 13–14, then 16–18 → 18:00Z.
        var calendar = CalendarBuilder.OfficeHoursNewYork();
        Interval[] pauses = [new(Instant.FromUtc(2026, 3, 2, 14, 0), Instant.FromUtc(2026, 3, 2, 16, 0))];

        calendar.AddBusinessTime(Instant.FromUtc(2026, 3, 2, 13, 0), Duration.FromHours(3), pauses)
            .Should().Be(Instant.FromUtc(2026, 3, 2, 18, 0));
        calendar.AddBusinessTime(Instant.FromUtc(2026, 3, 2, 13, 0), Duration.FromHours(1), pauses)
            .Should().Be(Instant.FromUtc(2026, 3, 2, 14, 0), "a target reached as the pause begins is reached then");
    }

    [Test]
    public void OpenIntervals_WithPause_SplitsTheDay()
    {
        var calendar = CalendarBuilder.OfficeHoursNewYork();
        Interval[] pauses = [new(Instant.FromUtc(2026, 3, 2, 14, 0), Instant.FromUtc(2026, 3, 2, 16, 0))];

        calendar.OpenIntervals(Instant.FromUtc(2026, 3, 2, 0, 0), Instant.FromUtc(2026, 3, 4, 0, 0), pauses).Should().Equal(
            new Interval(Instant.FromUtc(2026, 3, 2, 13, 0), Instant.FromUtc(2026, 3, 2, 14, 0)),
            new Interval(Instant.FromUtc(2026, 3, 2, 16, 0), Instant.FromUtc(2026, 3, 2, 22, 0)),
            new Interval(Instant.FromUtc(2026, 3, 3, 13, 0), Instant.FromUtc(2026, 3, 3, 22, 0)));
    }

    [Test]
    public void OpenIntervals_AcrossYearEnd_MergesTouchingSpans()
    {
        var calendar = BusinessCalendar.TwentyFourSeven;
        var from = Instant.FromUtc(2026, 12, 31, 12, 0);
        var to = Instant.FromUtc(2027, 1, 1, 12, 0);

        calendar.OpenIntervals(from, to).Should().Equal(new Interval(from, to));
    }

    [Test]
    public void Pauses_Overlapping_AreRejected()
    {
        var calendar = BusinessCalendar.TwentyFourSeven;
        var t = Instant.FromUtc(2026, 1, 1, 0, 0);
        Interval[] pauses = [new(t, t + Duration.FromHours(2)), new(t + Duration.FromHours(1), t + Duration.FromHours(3))];

        var act = () => calendar.BusinessTimeBetween(t, t + Duration.FromDays(1), pauses);

        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void AddBusinessTime_PastTheLastYearLaidOut_SaysSo()
    {
        // One minute a week: ten years of business minutes would take some 100,000 years.
        var calendar = new CalendarBuilder().InZone("Europe/London").Open("Mon", "09:00-09:01").Build();

        var act = () => calendar.AddBusinessTime(Instant.FromUtc(2026, 1, 1, 0, 0), Duration.FromMinutes(5_256_000));

        act.Should().Throw<OutsideSupportedYearsException>().Which.Message.Should().Contain("2300");
        calendar.AddBusinessTime(Instant.FromUtc(2026, 1, 1, 0, 0), Duration.FromMinutes(52)).Should().Be(Instant.FromUtc(2026, 12, 28, 9, 1));
    }

    [Test]
    public void BusinessTimeBetween_OverMoreYearsThanItKeeps_StaysExact()
    {
        // Two hundred years of 24x7 is laid out year by year through a cache of 12 years; the answer is still exact.
        var calendar = new CalendarBuilder().InZone("UTC").Open("Mon-Sun", "00:00-24:00").Build();
        var from = Instant.FromUtc(1970, 1, 1, 0, 0);
        var to = Instant.FromUtc(2170, 1, 1, 0, 0);

        calendar.BusinessTimeBetween(from, to).Should().Be(to - from);
        calendar.BusinessTimeBetween(from, to).Should().Be(to - from);
    }
}
