using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Alerts;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Policies;
using SlaApi.Domain.UnitTests.Builders;

namespace SlaApi.Domain.UnitTests.Alerts;

/// <summary>P1 on 24x7: response 60 min, resolution 240, update every 120; warnings at 50, 75 and 90 %.</summary>
public sealed class AlarmPlannerTests
{
    private static readonly Instant Opened = Instant.FromUtc(2026, 11, 25, 9, 0);
    private static readonly Guid IncidentId = Guid.Parse("0b6a4d2e-0000-0000-0000-000000000001");
    private readonly BoundSla _sla = new SlaBuilder().Build();

    private IReadOnlyList<PlannedAlarm> Plan(HistoryBuilder history, int plannedAtMinute) =>
        AlarmPlanner.Plan(IncidentId, _sla, SlaReplay.Evaluate(_sla, history.Build(), history.At(plannedAtMinute)));

    private static IEnumerable<string> Of(IEnumerable<PlannedAlarm> alarms, ClockMetric metric) =>
        alarms.Where(a => a.Metric == metric).Select(a => $"{a.Type} {a.Threshold} +{(a.OccursAt - Opened).TotalSeconds / 60}");

    [Test]
    public void ARunningClock_PlansEachThresholdAndItsBreach_InBusinessTime()
    {
        var alarms = Plan(new HistoryBuilder(Opened), 0);

        Of(alarms, ClockMetric.Response).Should().BeEquivalentTo(
            "clock.threshold-reached 50 +30", "clock.threshold-reached 75 +45",
            "clock.threshold-reached 90 +54", "clock.breached  +60");
        Of(alarms, ClockMetric.Resolution).Should().Contain("clock.breached  +240");
        alarms.Select(a => a.Key).Should().OnlyHaveUniqueItems();
        alarms.Should().OnlyContain(a => a.CoverageCalendarId == _sla.Policy.CalendarId && a.DueAt != null);
    }

    [Test]
    public void APause_MovesTheThresholdsAfterIt()
    {
        var alarms = Plan(new HistoryBuilder(Opened).Status(20, "waiting-customer").Status(30, "in-progress"), 40);

        Of(alarms, ClockMetric.Resolution).Should().BeEquivalentTo(
            "clock.threshold-reached 50 +130", "clock.threshold-reached 75 +190",
            "clock.threshold-reached 90 +226", "clock.breached  +250");
    }

    [Test]
    public void APausedClock_PlansOnlyWhatItReached()
    {
        var alarms = Plan(new HistoryBuilder(Opened).Status(130, "waiting-customer"), 140);

        Of(alarms, ClockMetric.Resolution).Should().Equal("clock.threshold-reached 50 +120");
    }

    [Test]
    public void AStoppedClock_KeepsItsBreachOrItsBeingMet_AndCancelsItsWarnings()
    {
        var alarms = Plan(new HistoryBuilder(Opened).Add(70, IncidentEventType.Responded).Add(100, IncidentEventType.Resolved), 100);

        Of(alarms, ClockMetric.Response).Should().Equal("clock.breached  +60");
        Of(alarms, ClockMetric.Resolution).Should().Equal("clock.met  +100");
    }

    [Test]
    public void AReopenedIncident_PlansItsNewCycleUnderItsOwnKeys()
    {
        var history = new HistoryBuilder(Opened).Add(10, IncidentEventType.Responded).Add(20, IncidentEventType.Resolved)
            .Add(20 + 25 * 60, IncidentEventType.Reopened);

        var resolution = Plan(history, 20 + 25 * 60).Where(a => a.Metric == ClockMetric.Resolution).ToArray();

        resolution.Should().OnlyContain(a => a.Cycle == 2 && a.Key.Contains("/resolution/2/"));
        resolution.Select(a => (a.OccursAt - history.At(20 + 25 * 60)).TotalMinutes).Should().BeEquivalentTo([120.0, 180, 216, 240]);
    }

    [Test]
    public void AThresholdBetweenSeconds_IsReachedAtTheWholeSecondBefore()
    {
        // 33 % of a 7-minute target is 138.6 s: the threshold is reached at 138 s.
        var sla = new SlaBuilder().WithTarget(1, 7, 240).Build();
        var policy = SlaPolicy.Define(sla.Policy.Terms with { WarningThresholds = [33] }, DateTimeOffset.UnixEpoch);
        var bound = new BoundSla(policy, new Dictionary<Guid, BusinessCalendar> { [Calendar.TwentyFourSevenId] = BusinessCalendar.TwentyFourSeven });
        var history = new HistoryBuilder(Opened);

        var alarms = AlarmPlanner.Plan(IncidentId, bound, SlaReplay.Evaluate(bound, history.Build(), Opened));

        alarms.Single(a => a.Metric == ClockMetric.Response && a.Threshold == 33).OccursAt.Should().Be(Opened + Duration.FromSeconds(138));
    }

    [Test]
    public void AnExcludedIncident_PlansNothing()
    {
        Plan(new HistoryBuilder(Opened).Add(5, IncidentEventType.Excluded, reason: "maintenance"), 5).Should().BeEmpty();
    }

    [Test]
    public void AnUnboundIncident_HasOneAlarm_KeyedByTheIncident()
    {
        var alarm = AlarmPlanner.Unbound(IncidentId, Opened);

        alarm.Type.Should().Be(AlertTypes.Unbound);
        alarm.Key.Should().Be($"{IncidentId:N}/incident/unbound");
        alarm.OccursAt.Should().Be(Opened);
    }
}
