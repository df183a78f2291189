using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Policies;
using SlaApi.Domain.UnitTests.Builders;

namespace SlaApi.Domain.UnitTests.Incidents;

/// <summary>
/// Pause governance (docs/sla-semantics.md §8 "Pause cap", "Pause reasons"): past the cap a clock counts again whatever the
/// status; each pause keeps the reason given for it.
/// </summary>
public sealed class PauseGovernanceTests
{
    [Test]
    public void APauseCappedAtThreeBusinessDays_CountsAgainFromTuesday10_AcrossTheWeekend()
    {
        // New York office hours, 540 minutes a day: waiting from Thursday 10:00 EDT, the cap of 1,620 minutes is spent by
        // Thursday's 420, Friday's 540, Monday's 540 and Tuesday's first 120: the clock counts again from Tuesday 10:00.
        // At Wednesday 12:00 it has counted Thursday 09:00–10:00, Tuesday 10:00–17:00 and Wednesday 08:00–12:00: 720 minutes.
        var history = new HistoryBuilder(Instant.FromUtc(2026, 3, 12, 13, 0)).Add(30, IncidentEventType.Responded).Status(60, "waiting-customer");
        var capped = new SlaBuilder().OnOfficeHoursNewYork().WithTarget(1, 60, 5400).WithPausesCappedAt(3 * 540).Build();
        var now = Instant.FromUtc(2026, 3, 18, 16, 0);

        var resolution = SlaReplay.Evaluate(capped, history.Build(), now).Clocks.Single(c => c.Metric == ClockMetric.Resolution);
        var uncapped = SlaReplay.Evaluate(new SlaBuilder().OnOfficeHoursNewYork().WithTarget(1, 60, 5400).Build(), history.Build(), now)
            .Clocks.Single(c => c.Metric == ClockMetric.Resolution);

        (resolution.State, resolution.Elapsed).Should().Be((ClockState.Running, Duration.FromMinutes(720)));
        resolution.Pauses.Should().Equal(new Interval(history.At(60), Instant.FromUtc(2026, 3, 17, 14, 0)));
        resolution.PausePeriods.Should().Equal(new PausePeriod(history.At(60), Instant.FromUtc(2026, 3, 17, 14, 0), "waiting-customer"));
        (uncapped.State, uncapped.Elapsed).Should().Be((ClockState.Paused, Duration.FromMinutes(60)));
    }

    [Test]
    public void TheCap_IsSpentAcrossTheCyclesPauses_InTheOrderTheyCame()
    {
        // 24x7, cap 60: the pause 0–40 spends 40, the pause 100–200 only its first 20; resolved at 300: 300 − 40 − 20 = 240.
        var history = new HistoryBuilder(Instant.FromUtc(2026, 3, 2, 15, 0), status: "waiting-customer").Add(10, IncidentEventType.Responded)
            .Status(40, "in-progress").Status(100, "waiting-customer").Status(200, "in-progress").Add(300, IncidentEventType.Resolved);

        var resolution = history.EvaluateAt(new SlaBuilder().WithTarget(1, 60, 480).WithPausesCappedAt(60).Build(), 400)
            .Cycles.Single(c => c.Metric == ClockMetric.Resolution);

        (resolution.State, resolution.Elapsed).Should().Be((ClockState.Met, Duration.FromMinutes(240)));
    }

    [Test]
    public void TheTimeBetweenAResolutionAndAReopen_IsNoPause_AndSpendsNothingOfTheCap()
    {
        // 24x7, cap 30: resolved 100, reopened 200 inside the window (100 minutes not counted), waiting 250–300 of which 30
        // count as paused; resolved at 400: 400 − 100 − 30 = 270.
        var history = new HistoryBuilder(Instant.FromUtc(2026, 3, 2, 15, 0)).Add(10, IncidentEventType.Responded)
            .Add(100, IncidentEventType.Resolved).Add(200, IncidentEventType.Reopened)
            .Status(250, "waiting-customer").Status(300, "in-progress").Add(400, IncidentEventType.Resolved);

        var resolution = history.EvaluateAt(new SlaBuilder().WithTarget(1, 60, 480).WithPausesCappedAt(30).Build(), 500)
            .Cycles.Single(c => c.Metric == ClockMetric.Resolution);

        resolution.Elapsed.Should().Be(Duration.FromMinutes(270));
    }

    [Test]
    public void AClockPausedPastItsCap_BreachesOnceItsTargetIsReached()
    {
        // 24x7, resolution 240, cap 60: waiting from 30 on; counting again from 90, the target is reached at 300.
        var history = new HistoryBuilder(Instant.FromUtc(2026, 3, 2, 15, 0)).Add(10, IncidentEventType.Responded).Status(30, "waiting-customer");

        var resolution = history.EvaluateAt(new SlaBuilder().WithTarget(1, 60, 240).WithPausesCappedAt(60).Build(), 400)
            .Cycles.Single(c => c.Metric == ClockMetric.Resolution);

        (resolution.State, resolution.BreachedAt).Should().Be((ClockState.Breached, history.At(300)));
    }

    [Test]
    public void EachPause_KeepsTheReasonGivenForIt_AndANewReasonForTheSameStatus_IsAPeriodOfItsOwn()
    {
        var history = new HistoryBuilder(Instant.FromUtc(2026, 3, 2, 15, 0)).Add(10, IncidentEventType.Responded)
            .Add(20, IncidentEventType.StatusChanged, status: "waiting-customer", reason: "awaiting-info")
            .Add(50, IncidentEventType.StatusChanged, status: "waiting-customer")
            .Add(60, IncidentEventType.StatusChanged, status: "waiting-customer", reason: "customer-requested-delay")
            .Status(90, "in-progress");

        var resolution = history.EvaluateAt(new SlaBuilder().Build(), 100).Clocks.Single(c => c.Metric == ClockMetric.Resolution);

        resolution.PausePeriods.Select(p => (p.Start, p.End, p.Reason)).Should().Equal(
            (history.At(20), history.At(60), "awaiting-info"), (history.At(60), history.At(90), "customer-requested-delay"));
        resolution.Elapsed.Should().Be(Duration.FromMinutes(30), "a new reason splits the pause, it does not end it");
    }

    [TestCase("awaiting-info", false)]
    [TestCase(null, false)]
    [TestCase("lunch", true)]
    public void APausesReason_MustBeOneThePolicyLists_WhenItListsAny(string? reason, bool refused)
    {
        var policy = SlaPolicy.Define(new SlaPolicyTerms("Governed", Calendar.TwentyFourSevenId, [new PriorityTarget(1, 30, 480, null, null)],
            ["waiting-customer"], false, [], 60, PauseReasons: ["awaiting-info", "customer-requested-delay"]), DateTimeOffset.UnixEpoch);

        var check = () => policy.CheckPauseReason("waiting-customer", reason);

        if (refused)
            check.Should().Throw<UnprocessableException>().Which.Field.Should().Be("reason");
        else
            check.Should().NotThrow();
        policy.Invoking(p => p.CheckPauseReason("in-progress", "lunch")).Should().NotThrow("a status that does not pause is not governed");
    }

    [Test]
    public void AStoppedCycle_TalliesItsPausesPerReason_InItsCalendarsBusinessTime()
    {
        // New York office hours, opened Thursday 09:00 EDT: waiting for information 10:00 to Friday 10:00 (Thursday's 420
        // minutes and Friday's first 120), waiting for no reason given 11:00–12:00, resolved 14:00; counted 60 + 60 + 120.
        var history = new HistoryBuilder(Instant.FromUtc(2026, 3, 12, 13, 0)).Add(30, IncidentEventType.Responded)
            .Add(60, IncidentEventType.StatusChanged, status: "waiting-customer", reason: "awaiting-info").Status(1500, "in-progress")
            .Status(1560, "waiting-customer").Status(1620, "in-progress").Add(1740, IncidentEventType.Resolved);
        var sla = new SlaBuilder().OnOfficeHoursNewYork().WithTarget(1, 60, 5400).Build();

        var evaluation = history.EvaluateAt(sla, 1800);
        var resolution = evaluation.Cycles.Single(c => c.Metric == ClockMetric.Resolution);

        resolution.Elapsed.Should().Be(Duration.FromMinutes(240));
        resolution.Paused!.ByReason.Should().Equal(new PausedTime(null, Duration.FromMinutes(60)), new PausedTime("awaiting-info", Duration.FromMinutes(540)));
        evaluation.Outcomes.Single(o => o.Metric == ClockMetric.Resolution).Paused.Should().Be(resolution.Paused);
        evaluation.Cycles.Single(c => c.Metric == ClockMetric.Response).Paused.Should().Be(PauseTally.None, "the response clock stopped before the wait");
    }
}
