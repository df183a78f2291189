using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Policies;
using SlaApi.Domain.UnitTests.Builders;

namespace SlaApi.Domain.UnitTests.Incidents;

/// <summary>
/// The resolution-plan clock (docs/sla-semantics.md §8 "Resolution plan"): from opening to the first <c>planned</c>
/// event, paused as resolution is. P1 here responds in 30, plans in 240, resolves in 480 and updates every 120 minutes, on 24x7;
/// P2 plans in 60; P3 keeps the builder's targets and has no plan.
/// </summary>
public sealed class PlanClockTests
{
    private static readonly Instant Opened = Instant.FromUtc(2026, 3, 2, 15, 0);

    private static readonly BoundSla Sla = new SlaBuilder().WithTarget(1, 30, 480, update: 120, plan: 240).WithTarget(2, 30, 480, plan: 60).Build();

    private static ClockCycle Plan(SlaEvaluation evaluation) => evaluation.Cycles.Single(c => c.Metric == ClockMetric.Plan);

    [Test]
    public void RespondedPlannedAndResolvedInTime_AreThreeMetClocks_EachStoppedByItsOwnEvent()
    {
        var history = new HistoryBuilder(Opened)
            .Add(20, IncidentEventType.Responded).Add(120, IncidentEventType.Planned).Add(200, IncidentEventType.Planned).Add(360, IncidentEventType.Resolved);

        var evaluation = history.EvaluateAt(Sla, 600);

        evaluation.Cycles.Where(c => c.Metric != ClockMetric.Update).Select(c => (c.Metric, c.State, c.Elapsed.TotalMinutes, c.StoppedAt))
            .Should().Equal(
                (ClockMetric.Response, ClockState.Met, 20, history.At(20)),
                (ClockMetric.Plan, ClockState.Met, 120, history.At(120)),
                (ClockMetric.Resolution, ClockState.Met, 360, history.At(360)));
        evaluation.Clocks.Select(c => c.Metric).Should().StartWith([ClockMetric.Response, ClockMetric.Plan, ClockMetric.Resolution]);
    }

    [Test]
    public void APlanAfterItsTarget_BreachedAtTheDueInstant()
    {
        var plan = Plan(new HistoryBuilder(Opened).Add(20, IncidentEventType.Responded).Add(300, IncidentEventType.Planned).EvaluateAt(Sla, 400));

        plan.State.Should().Be(ClockState.Breached);
        plan.BreachedAt.Should().Be(Opened + Duration.FromMinutes(240));
    }

    [Test]
    public void APlanRunningPastItsTarget_ReadsBreached_WithThePlanStillOwed()
    {
        var plan = Plan(new HistoryBuilder(Opened).Add(20, IncidentEventType.Responded).EvaluateAt(Sla, 250));

        (plan.State, plan.StoppedAt, plan.BreachedAt).Should().Be((ClockState.Breached, null, Opened + Duration.FromMinutes(240)));
    }

    [Test]
    public void WaitingOnTheCustomer_PausesThePlan_AsItPausesResolution()
    {
        // Paused from 60 to 180: 300 wall-clock minutes to the plan are 180 counted, met against 240.
        var evaluation = new HistoryBuilder(Opened).Add(20, IncidentEventType.Responded)
            .Status(60, "waiting-customer").Status(180, "in-progress").Add(300, IncidentEventType.Planned).EvaluateAt(Sla, 400);

        (Plan(evaluation).State, Plan(evaluation).Elapsed).Should().Be((ClockState.Met, Duration.FromMinutes(180)));
    }

    [Test]
    public void AResponseNotPausedByThePolicy_StillCounts_WhileThePlanIsPaused()
    {
        var evaluation = new HistoryBuilder(Opened).Status(10, "waiting-customer").EvaluateAt(Sla, 40);

        evaluation.Clocks.Single(c => c.Metric == ClockMetric.Response).State.Should().Be(ClockState.Breached);
        evaluation.Clocks.Single(c => c.Metric == ClockMetric.Plan).State.Should().Be(ClockState.Paused);
    }

    [Test]
    public void APlanGiven_IsAlsoTheFirstResponse_ButNotAnUpdate()
    {
        var evaluation = new HistoryBuilder(Opened).Add(25, IncidentEventType.Planned).EvaluateAt(Sla, 100);

        var response = evaluation.Cycles.Single(c => c.Metric == ClockMetric.Response);
        (response.State, response.StoppedAt).Should().Be((ClockState.Met, Opened + Duration.FromMinutes(25)));
        evaluation.Cycles.Where(c => c.Metric == ClockMetric.Update).Should().ContainSingle("only a response or an update restarts the update clock")
            .Which.StartedAt.Should().Be(Opened);
    }

    [Test]
    public void ResolvingWithoutAPlan_GivesThePlan_AtTheResolution()
    {
        var plan = Plan(new HistoryBuilder(Opened).Add(20, IncidentEventType.Responded).Add(200, IncidentEventType.Resolved).EvaluateAt(Sla, 300));

        (plan.State, plan.StoppedAt).Should().Be((ClockState.Met, Opened + Duration.FromMinutes(200)));
    }

    [Test]
    public void APriorityWithoutAPlanTarget_HasNoPlanClock()
    {
        var evaluation = new HistoryBuilder(Opened, priority: 3).EvaluateAt(Sla, 10);

        evaluation.Cycles.Should().NotContain(c => c.Metric == ClockMetric.Plan);
        evaluation.Clocks.Select(c => c.Metric).Should().Equal(ClockMetric.Response, ClockMetric.Resolution);
    }

    [Test]
    public void RaisingThePriority_RetargetsACountingPlan_FromItsStart_ButNotAStoppedOne()
    {
        // P1 to P2 at 90: the plan's target becomes 60 from the opening, already past: breached at 60, retroactively.
        var counting = Plan(new HistoryBuilder(Opened).Add(20, IncidentEventType.Responded)
            .Add(90, IncidentEventType.PriorityChanged, priority: 2).EvaluateAt(Sla, 100));
        (counting.State, counting.Priority, counting.BreachedAt, counting.Retroactive)
            .Should().Be((ClockState.Breached, 2, Opened + Duration.FromMinutes(60), true));

        var stopped = Plan(new HistoryBuilder(Opened).Add(20, IncidentEventType.Responded).Add(80, IncidentEventType.Planned)
            .Add(90, IncidentEventType.PriorityChanged, priority: 2).EvaluateAt(Sla, 100));
        (stopped.State, stopped.Priority, stopped.Target).Should().Be((ClockState.Met, 1, Duration.FromMinutes(240)));
    }

    [TestCase(20)]
    [TestCase(481)]
    public void APlanTarget_LiesBetweenTheResponseAndTheResolution(int planMinutes)
    {
        var act = () => SlaPolicy.Define(
            new SlaPolicyTerms("Plans", Calendar.TwentyFourSevenId, [new PriorityTarget(1, 30, 480, null, null, planMinutes)], [], false, [], 60),
            DateTimeOffset.UnixEpoch);

        act.Should().Throw<BusinessRuleException>().Which.Code.Should().Be("policy.plan-outside-response-and-resolution");
    }
}
