using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.UnitTests.Builders;

namespace SlaApi.Domain.UnitTests.Incidents;

/// <summary>How cycles settle for reports (sla-semantics §6). P1 on 24x7: response 60, resolution 240, update 120 minutes.</summary>
public sealed class ClockOutcomeTests
{
    private static readonly Instant Opened = Instant.FromUtc(2026, 3, 2, 15, 0);

    private static ClockOutcome Outcome(SlaEvaluation evaluation, ClockMetric metric, int cycle = 1) =>
        evaluation.Outcomes.Single(o => o.Metric == metric && o.Cycle == cycle);

    [Test]
    public void StoppedInTime_SettlesMetAtTheStop()
    {
        var history = new HistoryBuilder(Opened).Add(50, IncidentEventType.Responded);

        var response = Outcome(history.EvaluateAt(new SlaBuilder().Build(), 70), ClockMetric.Response);

        response.Breached.Should().BeFalse();
        response.SettledAt.Should().Be(history.At(50));
        response.Elapsed.Should().Be(Duration.FromMinutes(50));
    }

    [Test]
    public void StoppedLate_SettlesBreachedWhenTheTargetPassed_NotAtTheStop()
    {
        var history = new HistoryBuilder(Opened).Add(90, IncidentEventType.Responded);

        var response = Outcome(history.EvaluateAt(new SlaBuilder().Build(), 100), ClockMetric.Response);

        response.Breached.Should().BeTrue();
        response.SettledAt.Should().Be(history.At(60));
        response.StoppedAt.Should().Be(history.At(90));
    }

    [Test]
    public void Running_IsStoredBreachedAtItsDueInstant_WhichAnEventCanStillMove()
    {
        var history = new HistoryBuilder(Opened);

        var resolution = Outcome(history.EvaluateAt(new SlaBuilder().Build(), 10), ClockMetric.Resolution);

        resolution.Breached.Should().BeTrue();
        resolution.SettledAt.Should().Be(history.At(240));
        resolution.StoppedAt.Should().BeNull();
        resolution.Elapsed.Should().BeNull();
        var resolved = Outcome(history.Add(200, IncidentEventType.Resolved).EvaluateAt(new SlaBuilder().Build(), 210), ClockMetric.Resolution);
        resolved.Breached.Should().BeFalse();
        resolved.SettledAt.Should().Be(history.At(200));
    }

    [Test]
    public void Paused_HasNoOutcomeUntilItRunsAgain()
    {
        var history = new HistoryBuilder(Opened).Add(10, IncidentEventType.Responded).Status(20, "waiting-customer");

        var outcomes = history.EvaluateAt(new SlaBuilder().Build(), 30).Outcomes;

        outcomes.Should().NotContain(o => o.Metric == ClockMetric.Resolution);
        outcomes.Should().Contain(o => o.Metric == ClockMetric.Response && !o.Breached);
    }

    [Test]
    public void PausedAtTheVeryInstantOfEvaluation_IsPaused_ForEveryCycleThatPauses()
    {
        var history = new HistoryBuilder(Opened).Add(10, IncidentEventType.Responded).Status(30, "waiting-customer");

        var evaluation = history.EvaluateAt(new SlaBuilder().Build(), 30);

        evaluation.Clocks.Where(c => c.Metric != ClockMetric.Response).Select(c => (c.Metric, c.State, c.DueAt))
            .Should().Equal((ClockMetric.Resolution, ClockState.Paused, null), (ClockMetric.Update, ClockState.Paused, null));
        evaluation.Outcomes.Select(o => (o.Metric, o.Cycle)).Should().Equal((ClockMetric.Response, 1), (ClockMetric.Update, 1));
    }

    [Test]
    public void EveryUpdateCycle_HasItsOwnOutcome()
    {
        // Updates due every 120 minutes: the first cycle met at 10 (responded), the second breached at 130, the third runs.
        var history = new HistoryBuilder(Opened).Add(10, IncidentEventType.Responded).Add(200, IncidentEventType.Updated);

        var evaluation = history.EvaluateAt(new SlaBuilder().Build(), 210);

        evaluation.Outcomes.Where(o => o.Metric == ClockMetric.Update).Select(o => (o.Cycle, o.Breached, o.SettledAt))
            .Should().Equal((1, false, history.At(10)), (2, true, history.At(130)), (3, true, history.At(320)));
        evaluation.Clocks.Single(c => c.Metric == ClockMetric.Update).Cycle.Should().Be(3, "lists show the current cycle only");
    }

    [Test]
    public void ReopenAfterTheWindow_StartsASecondResolutionCycle_AndFinalTimeAddsBoth()
    {
        // Reopen window 24 h: resolved at 100, reopened 30 h later, resolved 50 minutes after that.
        var history = new HistoryBuilder(Opened)
            .Add(100, IncidentEventType.Resolved)
            .Add(100 + 30 * 60, IncidentEventType.Reopened)
            .Add(150 + 30 * 60, IncidentEventType.Resolved);

        var evaluation = history.EvaluateAt(new SlaBuilder().Build(), 200 + 30 * 60);

        evaluation.Outcomes.Where(o => o.Metric == ClockMetric.Resolution).Select(o => (o.Cycle, o.Elapsed))
            .Should().Equal((1, Duration.FromMinutes(100)), (2, Duration.FromMinutes(50)));
        evaluation.FirstResolutionTime.Should().Be(Duration.FromMinutes(100));
        evaluation.FinalResolutionTime.Should().Be(Duration.FromMinutes(150));
    }

    [Test]
    public void FirstResolutionTime_LeavesPausesOut_AndAReopenInsideTheWindowResumesTheCycle()
    {
        var history = new HistoryBuilder(Opened)
            .Status(10, "waiting-customer").Status(40, "in-progress")
            .Add(100, IncidentEventType.Resolved)
            .Add(160, IncidentEventType.Reopened)
            .Add(200, IncidentEventType.Resolved);

        var evaluation = history.EvaluateAt(new SlaBuilder().Build(), 300);

        evaluation.FirstResolutionTime.Should().Be(Duration.FromMinutes(70));
        evaluation.FinalResolutionTime.Should().Be(Duration.FromMinutes(110), "the 60 minutes between resolution and reopen do not count");
        evaluation.Outcomes.Count(o => o.Metric == ClockMetric.Resolution).Should().Be(1);
    }

    [Test]
    public void StillOpen_HasNoFinalResolutionTime()
    {
        var evaluation = new HistoryBuilder(Opened).Add(100, IncidentEventType.Resolved).Add(120, IncidentEventType.Reopened)
            .EvaluateAt(new SlaBuilder().Build(), 200);

        evaluation.FirstResolutionTime.Should().Be(Duration.FromMinutes(100));
        evaluation.FinalResolutionTime.Should().BeNull();
    }
}
