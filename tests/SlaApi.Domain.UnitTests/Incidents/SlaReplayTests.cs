using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.UnitTests.Builders;

namespace SlaApi.Domain.UnitTests.Incidents;

/// <summary>One test per rule of sla-semantics §3 and §5. Unless a test says otherwise the targets count on 24x7.</summary>
public sealed class SlaReplayTests
{
    private static readonly Instant Opened = Instant.FromUtc(2026, 3, 2, 15, 0);

    private static SlaClock Clock(SlaEvaluation evaluation, ClockMetric metric) => evaluation.Clocks.Single(c => c.Metric == metric);

    [Test]
    public void RunningClock_ReportsElapsedRemainingPercentAndDue()
    {
        // P1 response 60 min; 45 min in: 75 %, thresholds 50 and 75 crossed, due at +60.
        var history = new HistoryBuilder(Opened);

        var response = Clock(history.EvaluateAt(new SlaBuilder().Build(), 45), ClockMetric.Response);

        response.State.Should().Be(ClockState.Running);
        response.Elapsed.Should().Be(Duration.FromMinutes(45));
        response.Remaining.Should().Be(Duration.FromMinutes(15));
        response.PercentElapsed.Should().Be(75);
        response.DueAt.Should().Be(history.At(60));
        response.AtRisk.Should().BeTrue();
        response.ThresholdsCrossed.Should().Equal(50, 75);
        response.BreachedAt.Should().BeNull();
    }

    [Test]
    public void OpenedOutsideHours_StartsAccruingAtNextOpening()
    {
        // Opened Saturday 2026-03-07 12:00 EST (17:00Z); office hours resume Monday 08:00 EDT (12:00Z, clocks changed Sunday).
        // P3 response 240 business minutes: due Monday 12:00 EDT = 16:00Z. Nothing accrues over the weekend.
        var history = new HistoryBuilder(Instant.FromUtc(2026, 3, 7, 17, 0), priority: 3);
        var sla = new SlaBuilder().OnOfficeHoursNewYork().Build();

        var atMondayOpening = SlaReplay.Evaluate(sla, history.Build(), Instant.FromUtc(2026, 3, 9, 12, 0));

        Clock(atMondayOpening, ClockMetric.Response).Elapsed.Should().Be(Duration.Zero);
        Clock(atMondayOpening, ClockMetric.Response).DueAt.Should().Be(Instant.FromUtc(2026, 3, 9, 16, 0));
    }

    [Test]
    public void RespondedBeforeTarget_IsMet_AndStopsCounting()
    {
        var history = new HistoryBuilder(Opened).Add(50, IncidentEventType.Responded);

        var response = Clock(history.EvaluateAt(new SlaBuilder().Build(), 500), ClockMetric.Response);

        response.State.Should().Be(ClockState.Met);
        response.Elapsed.Should().Be(Duration.FromMinutes(50));
        response.StoppedAt.Should().Be(history.At(50));
        response.SettledAt.Should().Be(history.At(50));
        response.DueAt.Should().BeNull();
        response.AtRisk.Should().BeFalse("a stopped clock is no longer at risk");
    }

    [Test]
    public void RespondedExactlyAtTarget_IsMet()
    {
        var history = new HistoryBuilder(Opened).Add(60, IncidentEventType.Responded);

        Clock(history.EvaluateAt(new SlaBuilder().Build(), 61), ClockMetric.Response).State.Should().Be(ClockState.Met);
    }

    [Test]
    public void RespondedLate_IsBreached_AtTheInstantTheTargetWasReached()
    {
        var history = new HistoryBuilder(Opened).Add(90, IncidentEventType.Responded);

        var response = Clock(history.EvaluateAt(new SlaBuilder().Build(), 100), ClockMetric.Response);

        response.State.Should().Be(ClockState.Breached);
        response.BreachedAt.Should().Be(history.At(60));
        response.SettledAt.Should().Be(history.At(60), "a clock settles when it breaches, if that comes first");
        response.PercentElapsed.Should().Be(150);
    }

    [Test]
    public void StillRunningPastTarget_IsBreached()
    {
        var response = Clock(new HistoryBuilder(Opened).EvaluateAt(new SlaBuilder().Build(), 61), ClockMetric.Response);

        response.State.Should().Be(ClockState.Breached);
        response.BreachedAt.Should().Be(Opened + Duration.FromMinutes(60));
        response.AtRisk.Should().BeFalse();
    }

    [Test]
    public void PauseAndResume_ExcludesPausedTimeFromResolution()
    {
        // P1 resolution 240 min; waiting on the customer from +30 to +90: due at +300 once resumed.
        var history = new HistoryBuilder(Opened).Status(30, "waiting-customer").Status(90, "in-progress");
        var sla = new SlaBuilder().Build();

        var whilePaused = Clock(history.EvaluateAt(sla, 60), ClockMetric.Resolution);
        var afterResume = Clock(history.EvaluateAt(sla, 120), ClockMetric.Resolution);

        whilePaused.State.Should().Be(ClockState.Paused);
        whilePaused.DueAt.Should().BeNull("a paused clock has no due instant");
        whilePaused.Remaining.Should().Be(Duration.FromMinutes(210));
        afterResume.State.Should().Be(ClockState.Running);
        afterResume.Elapsed.Should().Be(Duration.FromMinutes(60));
        afterResume.DueAt.Should().Be(history.At(300));
        afterResume.Pauses.Should().Equal(new Interval(history.At(30), history.At(90)));
    }

    [Test]
    public void PauseResponseFalse_ResponseKeepsRunningWhilePaused()
    {
        var history = new HistoryBuilder(Opened).Status(10, "waiting-customer");

        var response = Clock(history.EvaluateAt(new SlaBuilder().Build(), 40), ClockMetric.Response);

        response.State.Should().Be(ClockState.Running);
        response.Elapsed.Should().Be(Duration.FromMinutes(40));
    }

    [Test]
    public void PauseResponseTrue_ResponsePausesToo()
    {
        var history = new HistoryBuilder(Opened).Status(10, "waiting-customer");

        var response = Clock(history.EvaluateAt(new SlaBuilder().PausingResponse().Build(), 40), ClockMetric.Response);

        response.State.Should().Be(ClockState.Paused);
        response.Elapsed.Should().Be(Duration.FromMinutes(10));
    }

    [Test]
    public void OpenedInPauseStatus_IsPausedFromTheStart()
    {
        var history = new HistoryBuilder(Opened, status: "waiting-customer").Status(100, "in-progress");

        var resolution = Clock(history.EvaluateAt(new SlaBuilder().Build(), 130), ClockMetric.Resolution);

        resolution.Elapsed.Should().Be(Duration.FromMinutes(30));
    }

    [Test]
    public void ReopenInsideWindow_ResumesTheSameCycle_ExcludingTheResolvedGap()
    {
        // Resolved at +100, reopened at +400 (window 1 day): the 300 min between do not count; resolved again at +450.
        var history = new HistoryBuilder(Opened)
            .Add(100, IncidentEventType.Resolved).Add(400, IncidentEventType.Reopened).Add(450, IncidentEventType.Resolved);
        var sla = new SlaBuilder().Build();

        var reopened = history.EvaluateAt(sla, 420);
        var final = history.EvaluateAt(sla, 500);

        Clock(reopened, ClockMetric.Resolution).State.Should().Be(ClockState.Running);
        Clock(reopened, ClockMetric.Resolution).Elapsed.Should().Be(Duration.FromMinutes(120));
        Clock(final, ClockMetric.Resolution).Cycle.Should().Be(1);
        Clock(final, ClockMetric.Resolution).Elapsed.Should().Be(Duration.FromMinutes(150));
        Clock(final, ClockMetric.Resolution).State.Should().Be(ClockState.Met);
        final.FirstResolvedAt.Should().Be(history.At(100));
        final.FinalResolvedAt.Should().Be(history.At(450));
    }

    [Test]
    public void ReopenAfterWindow_StartsANewCycle()
    {
        var history = new HistoryBuilder(Opened).Add(100, IncidentEventType.Resolved).Add(100 + 24 * 60 + 1, IncidentEventType.Reopened);

        var evaluation = history.EvaluateAt(new SlaBuilder().Build(), 100 + 24 * 60 + 31);

        var resolution = Clock(evaluation, ClockMetric.Resolution);
        resolution.Cycle.Should().Be(2);
        resolution.StartedAt.Should().Be(history.At(100 + 24 * 60 + 1));
        resolution.Elapsed.Should().Be(Duration.FromMinutes(30));
        evaluation.FirstResolvedAt.Should().Be(history.At(100));
        evaluation.FinalResolvedAt.Should().BeNull();
    }

    [Test]
    public void PriorityChangedToTargetAlreadyExceeded_BreachesInThePast_Retroactively()
    {
        // P3 (response 240) for 120 min, then P1 (response 60): breached at +60, before anyone knew.
        var history = new HistoryBuilder(Opened, priority: 3).Add(120, IncidentEventType.PriorityChanged, priority: 1);

        var evaluation = history.EvaluateAt(new SlaBuilder().Build(), 121);

        var response = Clock(evaluation, ClockMetric.Response);
        evaluation.Priority.Should().Be(1);
        response.Target.Should().Be(Duration.FromMinutes(60));
        response.StartedAt.Should().Be(Opened, "the clock keeps its original start");
        response.State.Should().Be(ClockState.Breached);
        response.BreachedAt.Should().Be(history.At(60));
        response.Retroactive.Should().BeTrue();
    }

    [Test]
    public void PriorityChangedToTargetNotYetExceeded_JustMovesTheDueInstant()
    {
        var history = new HistoryBuilder(Opened, priority: 3).Add(30, IncidentEventType.PriorityChanged, priority: 1);

        var response = Clock(history.EvaluateAt(new SlaBuilder().Build(), 40), ClockMetric.Response);

        response.State.Should().Be(ClockState.Running);
        response.DueAt.Should().Be(history.At(60));
        response.Retroactive.Should().BeFalse();
    }

    [Test]
    public void BreachUnderTheOldTargetToo_IsNotRetroactive()
    {
        // P3 response 240: breached at +240; changed to P1 at +300. It was late anyway.
        var history = new HistoryBuilder(Opened, priority: 3).Add(300, IncidentEventType.PriorityChanged, priority: 1);

        Clock(history.EvaluateAt(new SlaBuilder().Build(), 301), ClockMetric.Response).Retroactive.Should().BeFalse();
    }

    [Test]
    public void ExcludedThenIncluded_TogglesExclusion()
    {
        var history = new HistoryBuilder(Opened).Add(10, IncidentEventType.Excluded, reason: "customer-caused");
        var sla = new SlaBuilder().Build();

        var excluded = history.EvaluateAt(sla, 20);
        var included = history.Add(30, IncidentEventType.Included).EvaluateAt(sla, 40);

        excluded.Excluded.Should().BeTrue();
        excluded.ExclusionReason.Should().Be("customer-caused");
        excluded.Clocks.Should().HaveCount(3, "an excluded incident keeps its clocks; reports leave it out");
        included.Excluded.Should().BeFalse();
        included.ExclusionReason.Should().BeNull();
    }

    [Test]
    public void UpdateClock_RestartsAtEachResponseAndUpdate_AndStopsAtResolution()
    {
        // P1 update every 120 min: responded +50, updated +150, so the third cycle runs from +150.
        var history = new HistoryBuilder(Opened).Add(50, IncidentEventType.Responded).Add(150, IncidentEventType.Updated);
        var sla = new SlaBuilder().Build();

        var running = Clock(history.EvaluateAt(sla, 200), ClockMetric.Update);
        var resolved = Clock(history.Add(210, IncidentEventType.Resolved).EvaluateAt(sla, 400), ClockMetric.Update);

        running.Cycle.Should().Be(3);
        running.StartedAt.Should().Be(history.At(150));
        running.DueAt.Should().Be(history.At(270));
        resolved.State.Should().Be(ClockState.Met);
        resolved.StoppedAt.Should().Be(history.At(210));
    }

    [Test]
    public void ResolvedWithoutResponse_StopsTheResponseClockAtResolution()
    {
        var history = new HistoryBuilder(Opened).Add(40, IncidentEventType.Resolved);

        var response = Clock(history.EvaluateAt(new SlaBuilder().Build(), 100), ClockMetric.Response);

        response.State.Should().Be(ClockState.Met);
        response.StoppedAt.Should().Be(history.At(40));
    }

    [Test]
    public void TargetOnItsOwnCalendar_CountsOnThatCalendar()
    {
        // The policy counts in New York office hours, but P1 names 24x7: opened Saturday, its response is due an hour later.
        var sla = new SlaBuilder().OnOfficeHoursNewYork().WithTarget(1, 60, 240, calendarId: Calendar.TwentyFourSevenId).Build();
        var history = new HistoryBuilder(Instant.FromUtc(2026, 3, 7, 17, 0));

        var response = Clock(history.EvaluateAt(sla, 30), ClockMetric.Response);

        response.CalendarId.Should().Be(Calendar.TwentyFourSevenId);
        response.DueAt.Should().Be(history.At(60));
    }

    [Test]
    public void EventsAfterNow_AreNotYetHistory()
    {
        var history = new HistoryBuilder(Opened).Add(50, IncidentEventType.Responded);

        Clock(history.EvaluateAt(new SlaBuilder().Build(), 40), ClockMetric.Response).State.Should().Be(ClockState.Running);
    }

    [Test]
    public void PriorityWithoutTarget_HasNoClocks()
    {
        var history = new HistoryBuilder(Opened, priority: 5);

        history.EvaluateAt(new SlaBuilder().Build(), 10).Clocks.Should().BeEmpty();
    }

    [Test]
    public void ATargetBeyondTheYearsACalendarCovers_RunsWithoutADueInstant()
    {
        // Ten years of business minutes on a calendar open one minute a week would fall due some 100,000 years on.
        var sparseId = Guid.NewGuid();
        var policy = Policies.SlaPolicy.Define(new Policies.SlaPolicyTerms("Sparse", sparseId, [new Policies.PriorityTarget(1, 5_256_000, 5_256_000, null, null)],
            [], false, [50], 0), DateTimeOffset.UnixEpoch);
        var sla = new BoundSla(policy, new Dictionary<Guid, BusinessCalendar>
        {
            [sparseId] = new CalendarBuilder().InZone("Europe/London").Open("Mon", "09:00-09:01").Build(),
        });

        var evaluation = SlaReplay.Evaluate(sla, new HistoryBuilder(Opened).Build(), Opened + Duration.FromDays(30));

        evaluation.Clocks.Should().OnlyContain(c => c.State == ClockState.Running && c.DueAt == null && c.WarningAt == null && c.BreachedAt == null);
        evaluation.Clocks.Should().OnlyContain(c => c.Elapsed == Duration.FromMinutes(4), "four Monday minutes have counted");
    }
}
