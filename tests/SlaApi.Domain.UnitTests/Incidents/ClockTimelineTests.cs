using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Policies;
using SlaApi.Domain.UnitTests.Builders;

namespace SlaApi.Domain.UnitTests.Incidents;

public sealed class ClockTimelineTests
{
    private static readonly Guid OfficeId = Guid.NewGuid();

    [Test]
    public void Of_OfficeHoursWithHolidayAndPause_ExplainsEveryStretch()
    {
        // New York office hours (EST = UTC-5) with the holiday Fri 2026-12-25. Opened Thu 12-24 16:00 EST (21:00Z);
        // waiting on the customer Mon 12-28 09:00–10:00 EST (14:00Z–15:00Z); evaluated Mon 11:00 EST (16:00Z).
        var calendar = new CalendarBuilder().InZone("America/New_York").Open("Mon-Fri", "08:00-17:00").WithHoliday(2026, 12, 25).Build();
        var policy = SlaPolicy.Define(new SlaPolicyTerms("Office", OfficeId, [new PriorityTarget(3, 240, 960, null, null)],
            ["waiting-customer"], false, [75], 1440), DateTimeOffset.UnixEpoch);
        var sla = new BoundSla(policy, new Dictionary<Guid, BusinessCalendar> { [OfficeId] = calendar });
        var openedAt = Instant.FromUtc(2026, 12, 24, 21, 0);
        var waitingFrom = Instant.FromUtc(2026, 12, 28, 14, 0);
        IncidentEvent[] events =
        [
            new("w", IncidentEventType.StatusChanged, waitingFrom, 1, Status: "waiting-customer"),
            new("r", IncidentEventType.StatusChanged, waitingFrom + Duration.FromHours(1), 2, Status: "in-progress"),
        ];
        var now = Instant.FromUtc(2026, 12, 28, 16, 0);
        var clock = SlaReplay.Evaluate(sla, new IncidentHistory(openedAt, 3, "new", events), now).Clocks.Single(c => c.Metric == ClockMetric.Resolution);

        var timeline = ClockTimeline.Of(clock, calendar, now);

        timeline.Select(s => (s.From, s.To, s.Kind, s.Status)).Should().Equal(
            (openedAt, Instant.FromUtc(2026, 12, 24, 22, 0), SegmentKind.Running, (string?)null),
            (Instant.FromUtc(2026, 12, 24, 22, 0), Instant.FromUtc(2026, 12, 25, 5, 0), SegmentKind.OutsideHours, null),
            (Instant.FromUtc(2026, 12, 25, 5, 0), Instant.FromUtc(2026, 12, 26, 5, 0), SegmentKind.Holiday, null),
            (Instant.FromUtc(2026, 12, 26, 5, 0), Instant.FromUtc(2026, 12, 28, 13, 0), SegmentKind.OutsideHours, null),
            (Instant.FromUtc(2026, 12, 28, 13, 0), waitingFrom, SegmentKind.Running, null),
            (waitingFrom, waitingFrom + Duration.FromHours(1), SegmentKind.Paused, "waiting-customer"),
            (waitingFrom + Duration.FromHours(1), now, SegmentKind.Running, null));
        timeline.Aggregate(Duration.Zero, (sum, s) => sum + s.BusinessTime).Should().Be(clock.Elapsed);
    }

    [Test]
    public void Of_ReopenInsideWindow_ShowsTheResolvedGap()
    {
        var history = new HistoryBuilder(Instant.FromUtc(2026, 3, 2, 15, 0))
            .Add(60, IncidentEventType.Resolved).Add(90, IncidentEventType.Reopened);
        var clock = history.EvaluateAt(new SlaBuilder().Build(), 120).Clocks.Single(c => c.Metric == ClockMetric.Resolution);

        var timeline = ClockTimeline.Of(clock, BusinessCalendar.TwentyFourSeven, history.At(120));

        timeline.Select(s => s.Kind).Should().Equal(SegmentKind.Running, SegmentKind.ResolvedGap, SegmentKind.Running);
        timeline[1].From.Should().Be(history.At(60));
        timeline[1].To.Should().Be(history.At(90));
        timeline.Aggregate(Duration.Zero, (sum, s) => sum + s.BusinessTime).Should().Be(Duration.FromMinutes(90));
    }

    [Test]
    public void Of_AClockRunningForYears_ShowsItsFirstYearOnly()
    {
        var calendar = CalendarBuilder.OfficeHoursNewYork();
        var policy = SlaPolicy.Define(new SlaPolicyTerms("Office", OfficeId, [new PriorityTarget(3, 240, 960, null, null)],
            [], false, [], 1440), DateTimeOffset.UnixEpoch);
        var sla = new BoundSla(policy, new Dictionary<Guid, BusinessCalendar> { [OfficeId] = calendar });
        var openedAt = Instant.FromUtc(1970, 1, 1, 0, 0);
        var now = Instant.FromUtc(2026, 12, 1, 0, 0);
        var clock = SlaReplay.Evaluate(sla, new IncidentHistory(openedAt, 3, "new", []), now).Clocks.Single(c => c.Metric == ClockMetric.Resolution);

        var timeline = ClockTimeline.Of(clock, calendar, now);

        ClockTimeline.IsTruncated(clock, now).Should().BeTrue();
        timeline[^1].To.Should().Be(openedAt + ClockTimeline.LongestSpan);
        timeline.Count.Should().BeLessThan(600, "a year of office hours alternates about 520 times");
        ClockTimeline.IsTruncated(clock, openedAt + Duration.FromDays(30)).Should().BeFalse();
    }
}
