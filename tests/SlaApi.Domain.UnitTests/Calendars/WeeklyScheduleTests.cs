using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Common;

namespace SlaApi.Domain.UnitTests.Calendars;

public sealed class WeeklyScheduleTests
{
    [Test]
    public void Create_OverlappingIntervalsOnOneDay_IsRejected()
    {
        var act = () => WeeklySchedule.Create([new(IsoDayOfWeek.Monday, 8 * 60, 12 * 60), new(IsoDayOfWeek.Monday, 11 * 60, 17 * 60)]);

        act.Should().Throw<BusinessRuleException>().Which.Code.Should().Be("calendar.overlapping-intervals");
    }

    [Test]
    public void Create_OvernightSpillOverlappingNextDay_IsRejected()
    {
        var act = () => WeeklySchedule.Create([new(IsoDayOfWeek.Friday, 22 * 60, 6 * 60), new(IsoDayOfWeek.Saturday, 5 * 60, 10 * 60)]);

        act.Should().Throw<BusinessRuleException>().Which.Code.Should().Be("calendar.overlapping-intervals");
    }

    [Test]
    public void Create_SundayOvernightIntoMonday_OverlapIsFoundAcrossTheWeekEnd()
    {
        var act = () => WeeklySchedule.Create([new(IsoDayOfWeek.Sunday, 22 * 60, 6 * 60), new(IsoDayOfWeek.Monday, 0, 60)]);

        act.Should().Throw<BusinessRuleException>();
    }

    [Test]
    public void Create_TouchingIntervals_AreAccepted()
    {
        var schedule = WeeklySchedule.Create([new(IsoDayOfWeek.Monday, 8 * 60, 12 * 60), new(IsoDayOfWeek.Monday, 12 * 60, 24 * 60)]);

        schedule.Intervals.Should().HaveCount(2);
    }

    [Test]
    public void Create_NoIntervals_IsRejected()
    {
        var act = () => WeeklySchedule.Create([]);

        act.Should().Throw<BusinessRuleException>().Which.Code.Should().Be("calendar.no-open-time");
    }
}
