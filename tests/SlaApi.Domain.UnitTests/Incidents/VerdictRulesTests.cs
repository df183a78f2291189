using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Alerts;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.UnitTests.Builders;

namespace SlaApi.Domain.UnitTests.Incidents;

/// <summary>
/// The verdict rules of sla-semantics §3 and §7, each worked out by hand. P1 responds in 60, resolves in 240, updates every
/// 120 on 24x7; P3 responds in 240 and resolves in 960. Office hours are New York, Monday to Friday 08:00–17:00.
/// </summary>
public sealed class VerdictRulesTests
{
    /// <summary>Monday 2 March 2026, 10:00 in New York (EST, UTC−5).</summary>
    private static readonly Instant Monday10 = Instant.FromUtc(2026, 3, 2, 15, 0);

    private static SlaClock Clock(SlaEvaluation evaluation, ClockMetric metric) => evaluation.Clocks.Single(c => c.Metric == metric);

    private static ClockCycle Cycle(SlaEvaluation evaluation, ClockMetric metric, int number = 1) =>
        evaluation.Cycles.Single(c => c.Metric == metric && c.Cycle == number);

    [Test]
    public void EscalationAfterATimelyResponse_LeavesTheResponseMet_AndRetargetsTheCountingResolution()
    {
        // P3: responded at +100 (met, target 240). Escalated to P1 ten hours in: the response has stopped and keeps its P3
        // verdict; the resolution (P3's 960 not yet reached) still counts and takes P1's 240 from its start, so it breached
        // at +240, in the past.
        var history = new HistoryBuilder(Monday10, priority: 3)
            .Add(100, IncidentEventType.Responded)
            .Add(600, IncidentEventType.PriorityChanged, priority: 1);

        var evaluation = history.EvaluateAt(new SlaBuilder().Build(), 610);

        var response = Cycle(evaluation, ClockMetric.Response);
        response.State.Should().Be(ClockState.Met);
        response.Priority.Should().Be(3);
        response.Target.Should().Be(Duration.FromMinutes(240));
        response.BreachedAt.Should().BeNull();
        var resolution = Cycle(evaluation, ClockMetric.Resolution);
        resolution.Priority.Should().Be(1);
        resolution.Target.Should().Be(Duration.FromMinutes(240));
        resolution.State.Should().Be(ClockState.Breached);
        resolution.BreachedAt.Should().Be(history.At(240));
        resolution.Retroactive.Should().BeTrue("P3's 960 minutes had not been exceeded at the change");
        evaluation.Outcomes.Single(o => o.Metric == ClockMetric.Response).Breached.Should().BeFalse();
    }

    [Test]
    public void DowngradeAfterABreach_LeavesTheBreachAsItWas()
    {
        // P1 resolution due at +240; still open at +300, lowered to P3 (960). The breach at +240 stands, under P1's target.
        var history = new HistoryBuilder(Monday10, priority: 1)
            .Add(30, IncidentEventType.Responded)
            .Add(300, IncidentEventType.PriorityChanged, priority: 3)
            .Add(500, IncidentEventType.Resolved);

        var evaluation = history.EvaluateAt(new SlaBuilder().Build(), 600);

        var resolution = Clock(evaluation, ClockMetric.Resolution);
        resolution.State.Should().Be(ClockState.Breached);
        resolution.BreachedAt.Should().Be(history.At(240));
        resolution.Target.Should().Be(Duration.FromMinutes(240));
        resolution.Retroactive.Should().BeFalse();
        Clock(evaluation, ClockMetric.Response).State.Should().Be(ClockState.Met);
        evaluation.Priority.Should().Be(3);
    }

    [Test]
    public void DowngradeAfterTheResolution_ChangesNoVerdict()
    {
        // Resolved late as P1 at +300; lowered to P3 three days later. A stopped clock keeps its target and its verdict.
        var history = new HistoryBuilder(Monday10, priority: 1)
            .Add(30, IncidentEventType.Responded)
            .Add(300, IncidentEventType.Resolved)
            .Add(3 * 24 * 60 + 300, IncidentEventType.PriorityChanged, priority: 3);

        var before = history.EvaluateAt(new SlaBuilder().Build(), 301);
        var after = history.EvaluateAt(new SlaBuilder().Build(), 3 * 24 * 60 + 301);

        after.Cycles.Should().BeEquivalentTo(before.Cycles, o => o.WithStrictOrdering());
        after.Outcomes.Should().BeEquivalentTo(before.Outcomes, o => o.WithStrictOrdering());
        Clock(after, ClockMetric.Resolution).BreachedAt.Should().Be(history.At(240));
    }

    [Test]
    public void Retroactive_IsJudgedOnThePreviousTargetsOwnCalendar()
    {
        // P3 responds in 240 office minutes; P1 in 60 on 24x7. Opened Monday 15:00 New York, escalated Tuesday 07:00 (office
        // closed). On office hours only 15:00–17:00 had counted: 120 of P3's 240, not exceeded. On 24x7 P1 was due at 16:00
        // Monday: a retroactive breach, though 24x7 time at the change (16 h) is far beyond either target.
        var sla = new SlaBuilder().WithTarget(3, 240, 960, calendarId: SlaBuilder.OfficeHoursId).Build();
        var history = new HistoryBuilder(Monday10 + Duration.FromHours(5), priority: 3)
            .Add(16 * 60, IncidentEventType.PriorityChanged, priority: 1);

        var response = Clock(history.EvaluateAt(sla, 16 * 60 + 1), ClockMetric.Response);

        response.State.Should().Be(ClockState.Breached);
        response.BreachedAt.Should().Be(history.At(60));
        response.Retroactive.Should().BeTrue();
        response.CalendarId.Should().Be(Calendar.TwentyFourSevenId);
    }

    [Test]
    public void BreachedUnderThePreviousTargetBeforeTheChange_KeepsThatBreach_NotRetroactive()
    {
        // P3 on office hours, opened Monday 10:00: due 14:00. Escalated to P1 at 20:00: it had breached at 14:00 already.
        var sla = new SlaBuilder().WithTarget(3, 240, 960, calendarId: SlaBuilder.OfficeHoursId).Build();
        var history = new HistoryBuilder(Monday10, priority: 3).Add(600, IncidentEventType.PriorityChanged, priority: 1);

        var response = Clock(history.EvaluateAt(sla, 601), ClockMetric.Response);

        response.BreachedAt.Should().Be(history.At(240));
        response.Retroactive.Should().BeFalse();
        response.Target.Should().Be(Duration.FromMinutes(240));
        response.CalendarId.Should().Be(SlaBuilder.OfficeHoursId);
    }

    [Test]
    public void TargetReachedAtClosing_StoppedInClosedHours_IsBreachedAtClosing()
    {
        // P3 office hours, opened Monday 13:00: 240 business minutes end at 17:00. Responded 17:30: breached at 17:00 with no
        // business time past the target; and from 17:00 on, before anyone responded, the clock already read breached.
        var sla = new SlaBuilder().WithTarget(3, 240, 960, calendarId: SlaBuilder.OfficeHoursId).Build();
        var history = new HistoryBuilder(Monday10 + Duration.FromHours(3), priority: 3).Add(270, IncidentEventType.Responded);

        var waiting = Clock(history.EvaluateAt(sla, 255), ClockMetric.Response);
        var responded = Clock(history.EvaluateAt(sla, 280), ClockMetric.Response);

        waiting.State.Should().Be(ClockState.Breached);
        waiting.BreachedAt.Should().Be(history.At(240));
        responded.State.Should().Be(ClockState.Breached);
        responded.BreachedAt.Should().Be(history.At(240));
        responded.Elapsed.Should().Be(Duration.FromMinutes(240));
        AlarmPlanner.PlanClock(Guid.Empty, sla, responded).Single(a => a.Type == AlertTypes.Breached).OccursAt.Should().Be(history.At(240));
    }

    [Test]
    public void TargetReachedAtClosing_StoppedAtClosing_IsMet()
    {
        var sla = new SlaBuilder().WithTarget(3, 240, 960, calendarId: SlaBuilder.OfficeHoursId).Build();
        var history = new HistoryBuilder(Monday10 + Duration.FromHours(3), priority: 3).Add(240, IncidentEventType.Responded);

        Clock(history.EvaluateAt(sla, 300), ClockMetric.Response).State.Should().Be(ClockState.Met);
    }

    [Test]
    public void ThresholdExactlyAtTheStop_IsNotCrossed()
    {
        // P1 response 60: 50 % at +30, 75 % at +45. Responded at +45: only 50 % was crossed.
        var history = new HistoryBuilder(Monday10).Add(45, IncidentEventType.Responded);

        var response = Clock(history.EvaluateAt(new SlaBuilder().Build(), 50), ClockMetric.Response);

        response.State.Should().Be(ClockState.Met);
        response.ThresholdsCrossed.Should().Equal(50);
        response.AtRisk.Should().BeFalse();
    }

    [Test]
    public void ThresholdReachedAtThePresentInstant_IsCrossedWhileRunning()
    {
        var response = Clock(new HistoryBuilder(Monday10).EvaluateAt(new SlaBuilder().Build(), 45), ClockMetric.Response);

        response.ThresholdsCrossed.Should().Equal(50, 75);
        response.AtRisk.Should().BeTrue();
    }

    [Test]
    public void PausedExactlyAtItsTarget_IsNotBreachedUntilItResumes()
    {
        // P1 resolution 240: paused at +240 (elapsed = target), resumed at +360. Paused it is not running: it is due at +360.
        var history = new HistoryBuilder(Monday10)
            .Add(10, IncidentEventType.Responded)
            .Status(240, "waiting-customer")
            .Status(360, "in-progress");
        var sla = new SlaBuilder().Build();

        var paused = Clock(history.EvaluateAt(sla, 300), ClockMetric.Resolution);
        var resumed = Clock(history.EvaluateAt(sla, 361), ClockMetric.Resolution);

        paused.State.Should().Be(ClockState.Paused);
        paused.BreachedAt.Should().BeNull();
        paused.DueAt.Should().BeNull();
        resumed.State.Should().Be(ClockState.Breached);
        resumed.BreachedAt.Should().Be(history.At(360));
        AlarmPlanner.PlanClock(Guid.Empty, sla, resumed).Single(a => a.Type == AlertTypes.Breached).OccursAt.Should().Be(history.At(360));
    }

    [Test]
    public void PausedExactlyAtItsTarget_AndResolvedWhilePaused_IsMet()
    {
        var history = new HistoryBuilder(Monday10)
            .Add(10, IncidentEventType.Responded)
            .Status(240, "waiting-customer")
            .Add(300, IncidentEventType.Resolved);

        Clock(history.EvaluateAt(new SlaBuilder().Build(), 400), ClockMetric.Resolution).State.Should().Be(ClockState.Met);
    }

    [Test]
    public void PriorityWithoutATarget_LeavesTheClocksAsTheyStood()
    {
        // P1 then P2, which the policy does not target: the clocks keep P1's targets and go on counting.
        var history = new HistoryBuilder(Monday10).Add(20, IncidentEventType.PriorityChanged, priority: 2);

        var evaluation = history.EvaluateAt(new SlaBuilder().Build(), 90);

        var response = Clock(evaluation, ClockMetric.Response);
        response.Target.Should().Be(Duration.FromMinutes(60));
        response.State.Should().Be(ClockState.Breached);
        response.BreachedAt.Should().Be(history.At(60));
        Cycle(evaluation, ClockMetric.Response).Priority.Should().Be(1);
        evaluation.Priority.Should().Be(2);
    }

    [Test]
    public void OpenedWithoutATarget_GainsClocksFromItsStartWhenAPriorityWithATargetIsSet()
    {
        var history = new HistoryBuilder(Monday10, priority: 2).Add(30, IncidentEventType.PriorityChanged, priority: 1);
        var sla = new SlaBuilder().Build();

        history.EvaluateAt(sla, 20).Clocks.Should().BeEmpty();
        var response = Clock(history.EvaluateAt(sla, 90), ClockMetric.Response);
        response.StartedAt.Should().Be(Monday10);
        response.BreachedAt.Should().Be(history.At(60));
        response.Retroactive.Should().BeFalse("it was due at +60, after the change at +30");
    }

    [Test]
    public void SeveralChangesInARow_EachRetargetsWhatStillCounts()
    {
        var sla = new SlaBuilder().Build();
        // P3 → P1 at +30 (due +60) → P3 at +50, before +60: due at +240 again.
        var backInTime = new HistoryBuilder(Monday10, priority: 3)
            .Add(30, IncidentEventType.PriorityChanged, priority: 1)
            .Add(50, IncidentEventType.PriorityChanged, priority: 3);
        // P3 → P1 at +30 → P3 at +70, after P1's +60: the breach at +60 stays.
        var tooLate = new HistoryBuilder(Monday10, priority: 3)
            .Add(30, IncidentEventType.PriorityChanged, priority: 1)
            .Add(70, IncidentEventType.PriorityChanged, priority: 3);

        var running = Clock(backInTime.EvaluateAt(sla, 100), ClockMetric.Response);
        var breached = Clock(tooLate.EvaluateAt(sla, 100), ClockMetric.Response);

        running.State.Should().Be(ClockState.Running);
        running.DueAt.Should().Be(backInTime.At(240));
        breached.State.Should().Be(ClockState.Breached);
        breached.BreachedAt.Should().Be(tooLate.At(60));
        breached.Target.Should().Be(Duration.FromMinutes(60));
        breached.Retroactive.Should().BeFalse();
    }

    [Test]
    public void ReopenThatResumesTheCycle_TakesThePriorityInForceAtTheReopen()
    {
        // P3 resolved at +100; raised to P1 at +200 while resolved (nothing counts); reopened at +300 inside the window.
        // The resumed cycle takes P1's 240 from its start, less the gap +100..+300: due at +440.
        var history = new HistoryBuilder(Monday10, priority: 3)
            .Add(100, IncidentEventType.Resolved)
            .Add(200, IncidentEventType.PriorityChanged, priority: 1)
            .Add(300, IncidentEventType.Reopened);
        var sla = new SlaBuilder().Build();

        var gap = Cycle(history.EvaluateAt(sla, 250), ClockMetric.Resolution);
        var resumed = Clock(history.EvaluateAt(sla, 400), ClockMetric.Resolution);
        var late = Clock(history.EvaluateAt(sla, 450), ClockMetric.Resolution);

        gap.Priority.Should().Be(3);
        gap.State.Should().Be(ClockState.Met);
        resumed.State.Should().Be(ClockState.Running);
        resumed.Target.Should().Be(Duration.FromMinutes(240));
        resumed.DueAt.Should().Be(history.At(440));
        late.BreachedAt.Should().Be(history.At(440));
        late.Retroactive.Should().BeFalse();
        Cycle(history.EvaluateAt(sla, 450), ClockMetric.Response).Priority.Should().Be(3, "the response stopped at the resolution");
    }

    [Test]
    public void EveryCycleIsJudged_EarlierUpdateCyclesIncluded()
    {
        // P1 updates every 120: responded at +10, updated at +100 (cycle 2 met at 90), at +300 (cycle 3 breached at +220).
        var history = new HistoryBuilder(Monday10)
            .Add(10, IncidentEventType.Responded)
            .Add(100, IncidentEventType.Updated)
            .Add(300, IncidentEventType.Updated);

        var updates = history.EvaluateAt(new SlaBuilder().Build(), 310).Cycles.Where(c => c.Metric == ClockMetric.Update).ToArray();

        updates.Select(c => (c.Cycle, c.State, c.BreachedAt)).Should().Equal(
            (1, ClockState.Met, (Instant?)null),
            (2, ClockState.Met, null),
            (3, ClockState.Breached, history.At(220)),
            (4, ClockState.Running, null));
        updates[2].Elapsed.Should().Be(Duration.FromMinutes(200));
        updates[2].DueAt.Should().Be(history.At(220));
    }
}
