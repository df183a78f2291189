using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Teams;
using SlaApi.Domain.UnitTests.Builders;

namespace SlaApi.Domain.UnitTests.Teams;

/// <summary>
/// OLA clocks follow the verdict rules of the SLA's (sla-semantics §3): a priority change re-targets a hold that counts from
/// its start unless it had breached, and a breach is final. The team works around the clock: P1 acknowledge 15 and resolve
/// 60, P3 acknowledge 60 and resolve 240.
/// </summary>
public sealed class OlaReplayTests
{
    private static readonly Instant Opened = Instant.FromUtc(2026, 3, 2, 15, 0);

    private static readonly Team Desk = Team.Define(
        new TeamTerms("Desk", Calendar.TwentyFourSevenId, null, [new OlaTarget(1, 15, 60), new OlaTarget(3, 60, 240)]), DateTimeOffset.UnixEpoch);

    private static IReadOnlyList<OlaClock> Evaluate(HistoryBuilder history, int minutes)
    {
        var assignments = SlaReplay.Assignments(history.Build(), history.At(minutes));
        var teams = assignments.Select(_ => new AssignedTeam(Desk, BusinessCalendar.TwentyFourSeven)).ToArray();
        return SlaReplay.EvaluateOlas(new SlaBuilder().WithTarget(1, 30, 480).WithTarget(3, 60, 960).Build(), history.Build(), teams, history.At(minutes));
    }

    [Test]
    public void RaisedToP1_AHoldIsJudgedByP1FromItsStart_AndAnAcknowledgementAlreadyLateIsRetroactive()
    {
        // P3 assigned at 0, P1 from 30, updated at 40, resolved at 90: acknowledge was due at 15 under P1 (retroactively, as P3
        // gave it until 60), resolve at 60.
        var history = new HistoryBuilder(Opened, priority: 3).Assign(0, Desk.Id).Add(30, IncidentEventType.PriorityChanged, priority: 1)
            .Add(40, IncidentEventType.Updated).Add(90, IncidentEventType.Resolved);

        var hold = Evaluate(history, 120).Single();

        (hold.Acknowledge!.Value.State, hold.Acknowledge.Value.BreachedAt, hold.Acknowledge.Value.Retroactive).Should().Be((ClockState.Breached, history.At(15), true));
        (hold.Resolve!.Value.State, hold.Resolve.Value.Priority, hold.Resolve.Value.BreachedAt, hold.Resolve.Value.Retroactive)
            .Should().Be((ClockState.Breached, 1, history.At(60), false));
        hold.Assignment.EndedAt.Should().Be(history.At(90));
    }

    [Test]
    public void LoweredToP3_AfterTheAcknowledgementBreached_TheBreachStands_WhileResolveTakesP3sTarget()
    {
        var history = new HistoryBuilder(Opened).Assign(0, Desk.Id).Add(20, IncidentEventType.PriorityChanged, priority: 3)
            .Add(50, IncidentEventType.Responded).Add(200, IncidentEventType.Resolved);

        var hold = Evaluate(history, 300).Single();

        (hold.Acknowledge!.Value.State, hold.Acknowledge.Value.Priority, hold.Acknowledge.Value.BreachedAt).Should().Be((ClockState.Breached, 1, history.At(15)));
        (hold.Resolve!.Value.State, hold.Resolve.Value.Priority, hold.Resolve.Value.DueAt).Should().Be((ClockState.Met, 3, history.At(240)));
    }

    [Test]
    public void AnEventBeforeTheAssignment_AcknowledgesNothing_AndAnIncidentNeverAssigned_HasNoOlaClocks()
    {
        var history = new HistoryBuilder(Opened).Add(5, IncidentEventType.Responded).Assign(10, Desk.Id);

        var hold = Evaluate(history, 20).Single();

        (hold.Acknowledge!.Value.State, hold.Acknowledge.Value.StartedAt, hold.Acknowledge.Value.DueAt).Should().Be((ClockState.Running, history.At(10), history.At(25)));
        Evaluate(new HistoryBuilder(Opened).Add(5, IncidentEventType.Responded), 20).Should().BeEmpty();
    }
}

public sealed class AssignmentBoundTests
{
    [Test]
    public void AnIncident_IsAssignedAtMost50Times_AndStillTakesOtherEvents()
    {
        var opened = Instant.FromUtc(2026, 3, 2, 15, 0);
        var incident = Incident.Open("connectwise", "T-1", Guid.NewGuid(), "Flapping", 1, null, "new", opened, null, null, opened);
        var now = opened + Duration.FromDays(1);
        for (var i = 0; i < Incident.MaxAssignments; i++)
            incident.Record($"a{i}", IncidentEventType.Assigned, opened + Duration.FromMinutes(i), null, null, null, now, Guid.NewGuid());

        incident.Invoking(x => x.Record("a-over", IncidentEventType.Assigned, opened + Duration.FromHours(2), null, null, null, now, Guid.NewGuid()))
            .Should().Throw<UnprocessableException>().Which.Field.Should().Be("type");
        incident.Record("u", IncidentEventType.Updated, opened + Duration.FromHours(2), null, null, null, now).Should().Be(RecordOutcome.Recorded);
    }
}
