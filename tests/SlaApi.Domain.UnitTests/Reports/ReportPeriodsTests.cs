using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Reports;

namespace SlaApi.Domain.UnitTests.Reports;

public sealed class ReportPeriodsTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Test]
    public void Months_StartAtLocalMidnight_WhateverTheOffsetThatDay()
    {
        // EDT (-4) until 2026-11-01, EST (-5) after.
        var periods = ReportPeriods.Between(Instant.FromUtc(2026, 10, 1, 4, 0), Instant.FromUtc(2027, 1, 1, 5, 0), NewYork, PeriodUnit.Month);

        periods.Select(p => p.Start).Should().Equal(
            Instant.FromUtc(2026, 10, 1, 4, 0), Instant.FromUtc(2026, 11, 1, 4, 0), Instant.FromUtc(2026, 12, 1, 5, 0));
        periods[^1].End.Should().Be(Instant.FromUtc(2027, 1, 1, 5, 0));
    }

    [Test]
    public void Days_AroundASpringForward_Last23Hours()
    {
        var periods = ReportPeriods.Between(Instant.FromUtc(2026, 3, 7, 5, 0), Instant.FromUtc(2026, 3, 10, 4, 0), NewYork, PeriodUnit.Day);

        periods.Select(p => (p.End - p.Start).TotalHours).Should().Equal(24, 23, 24);
    }

    [Test]
    public void Weeks_StartOnMonday_AndTheFirstAndLastAreClippedToTheSpan()
    {
        // Wednesday 2026-11-04 12:00 UTC to Wednesday 2026-11-18 00:00 UTC.
        var periods = ReportPeriods.Between(Instant.FromUtc(2026, 11, 4, 12, 0), Instant.FromUtc(2026, 11, 18, 0, 0), DateTimeZone.Utc, PeriodUnit.Week);

        periods.Select(p => p.Start).Should().Equal(
            Instant.FromUtc(2026, 11, 4, 12, 0), Instant.FromUtc(2026, 11, 9, 0, 0), Instant.FromUtc(2026, 11, 16, 0, 0));
        periods[^1].End.Should().Be(Instant.FromUtc(2026, 11, 18, 0, 0));
    }

    [Test]
    public void AMidnightThatDstSkips_StartsTheDayAtTheFirstInstantAfterTheGap()
    {
        // Chile springs forward at 24:00 on 2026-09-05: 2026-09-06 starts at 01:00 local (-03), 04:00 UTC.
        var santiago = DateTimeZoneProviders.Tzdb["America/Santiago"];

        var periods = ReportPeriods.Between(Instant.FromUtc(2026, 9, 5, 4, 0), Instant.FromUtc(2026, 9, 7, 3, 0), santiago, PeriodUnit.Day);

        periods.Select(p => p.Start).Should().Equal(Instant.FromUtc(2026, 9, 5, 4, 0), Instant.FromUtc(2026, 9, 6, 4, 0));
    }

    [Test]
    public void WithoutAUnit_TheWholeSpanIsOnePeriod() =>
        ReportPeriods.Between(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2026, 2, 1, 0, 0), NewYork, null)
            .Should().Equal(new Interval(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2026, 2, 1, 0, 0)));
}
