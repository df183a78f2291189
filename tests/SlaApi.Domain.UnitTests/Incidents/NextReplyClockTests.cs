using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.UnitTests.Builders;

namespace SlaApi.Domain.UnitTests.Incidents;

/// <summary>
/// The next-reply clock (docs/sla-semantics.md §8 "Next reply"): each customer reply that finds none waiting starts a
/// cycle, the next agent reply or the resolution stops it. P1 answers each reply within 60 business minutes of New York
/// office hours (Mon–Fri 08:00–17:00). The incident opens Tuesday 2026-03-10 09:00 EDT (13:00Z).
/// </summary>
public sealed class NextReplyClockTests
{
    private static readonly Instant Opened = Instant.FromUtc(2026, 3, 10, 13, 0);

    private static readonly BoundSla Sla = new SlaBuilder().OnOfficeHoursNewYork().WithTarget(1, 60, 2400, nextReply: 60).Build();

    private static ClockCycle[] Replies(SlaEvaluation evaluation) => evaluation.Cycles.Where(c => c.Metric == ClockMetric.NextReply).ToArray();

    [Test]
    public void ThreeRepliesAnsweredIn10_70And25BusinessMinutes_AreMetBreachedMet()
    {
        // 10:00–10:10; 16:30 Tuesday to 08:40 Wednesday is 30 + 40 minutes, due 08:30 Wednesday; 10:00–10:25 Wednesday,
        // with a second customer message at 10:05 that finds the 10:00 one still waiting.
        var history = new HistoryBuilder(Opened).Add(15, IncidentEventType.Responded)
            .Add(60, IncidentEventType.CustomerReplied).Add(70, IncidentEventType.Responded)
            .Add(450, IncidentEventType.CustomerReplied).Add(1420, IncidentEventType.Responded)
            .Add(1500, IncidentEventType.CustomerReplied).Add(1505, IncidentEventType.CustomerReplied).Add(1525, IncidentEventType.Responded);

        var replies = Replies(history.EvaluateAt(Sla, 1600));

        replies.Select(c => (c.Cycle, c.State, c.Elapsed.TotalMinutes, c.StartedAt, c.StoppedAt)).Should().Equal(
            (1, ClockState.Met, 10, history.At(60), history.At(70)),
            (2, ClockState.Breached, 70, history.At(450), history.At(1420)),
            (3, ClockState.Met, 25, history.At(1500), history.At(1525)));
        replies[1].BreachedAt.Should().Be(Instant.FromUtc(2026, 3, 11, 12, 30));
    }

    [Test]
    public void UntilTheCustomerWrites_ThereIsNoNextReplyClock()
    {
        var evaluation = new HistoryBuilder(Opened).Add(15, IncidentEventType.Responded).EvaluateAt(Sla, 100);

        evaluation.Clocks.Should().NotContain(c => c.Metric == ClockMetric.NextReply);
    }

    [Test]
    public void AReplyWaiting_IsTheCurrentClock_RunningTowardsItsDueInstant()
    {
        var clock = new HistoryBuilder(Opened).Add(60, IncidentEventType.CustomerReplied).EvaluateAt(Sla, 100)
            .Clocks.Single(c => c.Metric == ClockMetric.NextReply);

        (clock.State, clock.Elapsed, clock.DueAt).Should().Be((ClockState.Running, Duration.FromMinutes(40), Opened + Duration.FromMinutes(120)));
    }

    [Test]
    public void TheResolution_AnswersAWaitingReply_AndWhileResolvedTheCustomerStartsNone_UntilAReopen()
    {
        var history = new HistoryBuilder(Opened).Add(15, IncidentEventType.Responded)
            .Add(60, IncidentEventType.CustomerReplied).Add(80, IncidentEventType.Resolved)
            .Add(90, IncidentEventType.CustomerReplied).Add(100, IncidentEventType.Reopened).Add(110, IncidentEventType.CustomerReplied);

        Replies(history.EvaluateAt(Sla, 130)).Select(c => (c.Cycle, c.State, c.StartedAt, c.StoppedAt)).Should().Equal(
            (1, ClockState.Met, history.At(60), history.At(80)),
            (2, ClockState.Running, history.At(110), null));
    }

    [Test]
    public void WaitingOnTheCustomer_PausesTheNextReply_OnlyWhereItPausesTheResponse()
    {
        var history = new HistoryBuilder(Opened).Add(15, IncidentEventType.Responded)
            .Status(20, "waiting-customer").Add(60, IncidentEventType.CustomerReplied);
        var pausing = new SlaBuilder().OnOfficeHoursNewYork().PausingResponse().WithTarget(1, 60, 2400, nextReply: 60).Build();

        Replies(history.EvaluateAt(Sla, 100)).Single().State.Should().Be(ClockState.Running);
        Replies(history.EvaluateAt(pausing, 100)).Single().State.Should().Be(ClockState.Paused);
    }
}
