using FluentAssertions;
using NodaTime;
using SlaApi.Domain.UnitTests.Builders;

namespace SlaApi.Domain.UnitTests.Calendars;

/// <summary>
/// Overnight shifts Saturday 22:00–Sunday 06:00 across each 2026 change of the three zones; all six
/// changes fall on a Sunday. Expected values are worked out by hand from the zone offsets in the comments.
/// </summary>
public sealed class BusinessCalendarDstTests
{
    // Hours are counted from Saturday 00:00 UTC.
    // New York, 2026-03-08 02:00 EST → 03:00 EDT. Sat 22:00 EST (-5) = Sun 03:00Z (27); Sun 06:00 EDT (-4) = Sun 10:00Z (34).
    [TestCase("America/New_York", 2026, 3, 7, 27, 34, 7)]
    // New York, 2026-11-01 02:00 EDT → 01:00 EST. Sat 22:00 EDT (-4) = Sun 02:00Z (26); Sun 06:00 EST (-5) = Sun 11:00Z (35).
    [TestCase("America/New_York", 2026, 10, 31, 26, 35, 9)]
    // London, 2026-03-29 01:00 GMT → 02:00 BST. Sat 22:00 GMT = 22:00Z (22); Sun 06:00 BST (+1) = Sun 05:00Z (29).
    [TestCase("Europe/London", 2026, 3, 28, 22, 29, 7)]
    // London, 2026-10-25 02:00 BST → 01:00 GMT. Sat 22:00 BST (+1) = 21:00Z (21); Sun 06:00 GMT = Sun 06:00Z (30).
    [TestCase("Europe/London", 2026, 10, 24, 21, 30, 9)]
    // Sydney, 2026-04-05 03:00 AEDT → 02:00 AEST. Sat 22:00 AEDT (+11) = Sat 11:00Z (11); Sun 06:00 AEST (+10) = Sat 20:00Z (20).
    [TestCase("Australia/Sydney", 2026, 4, 4, 11, 20, 9)]
    // Sydney, 2026-10-04 02:00 AEST → 03:00 AEDT. Sat 22:00 AEST (+10) = Sat 12:00Z (12); Sun 06:00 AEDT (+11) = Sat 19:00Z (19).
    [TestCase("Australia/Sydney", 2026, 10, 3, 12, 19, 7)]
    public void OvernightShift_AcrossClockChange_CountsRealHours(
        string zone, int year, int month, int saturday, int openHour, int closeHour, int realHours)
    {
        var calendar = new CalendarBuilder().InZone(zone).Open("Sat", "22:00-06:00").Build();
        var saturdayUtc = Instant.FromUtc(year, month, saturday, 0, 0);
        var open = saturdayUtc + Duration.FromHours(openHour);
        var close = saturdayUtc + Duration.FromHours(closeHour);

        calendar.BusinessTimeBetween(open - Duration.FromDays(1), close + Duration.FromDays(1))
            .Should().Be(Duration.FromHours(realHours));
        calendar.NextOpening(open - Duration.FromHours(3)).Should().Be(open);
        calendar.AddBusinessTime(open, Duration.FromHours(realHours)).Should().Be(close, "a target that fills the shift ends as it closes");
        calendar.IsOpen(close).Should().BeFalse("intervals are closed at their end");
        calendar.IsOpen(close - Duration.FromTicks(1)).Should().BeTrue();
    }

    [Test]
    public void SkippedHour_InsideInterval_ContributesNothing()
    {
        // Sun 2026-03-08 01:00 EST = 06:00Z; 04:00 EDT = 08:00Z: two real hours.
        var calendar = new CalendarBuilder().InZone("America/New_York").Open("Sun", "01:00-04:00").Build();

        calendar.BusinessTimeBetween(Instant.FromUtc(2026, 3, 8, 0, 0), Instant.FromUtc(2026, 3, 9, 0, 0))
            .Should().Be(Duration.FromHours(2));
        calendar.AddBusinessTime(Instant.FromUtc(2026, 3, 8, 6, 0), Duration.FromMinutes(90))
            .Should().Be(Instant.FromUtc(2026, 3, 8, 7, 30));
    }

    [Test]
    public void IntervalStart_InSkippedHour_MapsAtOffsetBeforeTheChange()
    {
        // 02:30 does not exist on 2026-03-08 in New York; read at EST (-5) it is 07:30Z (03:30 EDT). 05:00 EDT = 09:00Z.
        var calendar = new CalendarBuilder().InZone("America/New_York").Open("Sun", "02:30-05:00").Build();

        calendar.NextOpening(Instant.FromUtc(2026, 3, 8, 5, 0)).Should().Be(Instant.FromUtc(2026, 3, 8, 7, 30));
        calendar.BusinessTimeBetween(Instant.FromUtc(2026, 3, 8, 0, 0), Instant.FromUtc(2026, 3, 9, 0, 0))
            .Should().Be(Duration.FromMinutes(90));
    }

    [Test]
    public void RepeatedHour_InsideInterval_ContributesBothRealHours()
    {
        // Sun 2026-11-01 00:00 EDT = 04:00Z; 03:00 EST = 08:00Z: four real hours for three on the wall clock.
        var calendar = new CalendarBuilder().InZone("America/New_York").Open("Sun", "00:00-03:00").Build();

        calendar.BusinessTimeBetween(Instant.FromUtc(2026, 11, 1, 0, 0), Instant.FromUtc(2026, 11, 2, 0, 0))
            .Should().Be(Duration.FromHours(4));
    }

    [Test]
    public void IntervalStart_InRepeatedHour_MapsToEarlierOccurrence()
    {
        // 01:30 happens twice on 2026-11-01 in New York; the earlier is 01:30 EDT = 05:30Z. 03:00 EST = 08:00Z.
        var calendar = new CalendarBuilder().InZone("America/New_York").Open("Sun", "01:30-03:00").Build();

        calendar.NextOpening(Instant.FromUtc(2026, 11, 1, 0, 0)).Should().Be(Instant.FromUtc(2026, 11, 1, 5, 30));
        calendar.BusinessTimeBetween(Instant.FromUtc(2026, 11, 1, 0, 0), Instant.FromUtc(2026, 11, 2, 0, 0))
            .Should().Be(Duration.FromMinutes(150));
    }

    [Test]
    public void OfficeHours_AcrossSpringForwardWeekend_UseEachDaysOffset()
    {
        // Fri 2026-03-06 16:00 EST = 21:00Z: one hour to 17:00 EST. Mon 2026-03-09 08:00 EDT = 12:00Z, +1 h = 13:00Z.
        var calendar = CalendarBuilder.OfficeHoursNewYork();

        calendar.AddBusinessTime(Instant.FromUtc(2026, 3, 6, 21, 0), Duration.FromHours(2))
            .Should().Be(Instant.FromUtc(2026, 3, 9, 13, 0));
    }
}
