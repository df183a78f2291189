using CsCheck;
using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Alerts;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.UnitTests.Builders;

namespace SlaApi.Domain.UnitTests.Incidents;

/// <summary>
/// The laws of sla-semantics §3 and §7 over generated histories: pauses, reopens inside and outside the window, priority
/// changes to targeted and untargeted priorities, on 24x7, on office hours, with P3 on office hours beside P1 on 24x7, and with
/// resolution-plan and next-reply targets under a pause cap.
/// </summary>
public sealed class VerdictPropertyTests
{
    private static readonly Instant Opened = Instant.FromUtc(2026, 3, 6, 20, 0);
    private static readonly Instant Now = Opened + Duration.FromDays(6);
    private static readonly string[] Statuses = ["new", "in-progress", "waiting-customer"];

    private static readonly BoundSla[] Slas =
    [
        new SlaBuilder().Build(),
        new SlaBuilder().OnOfficeHoursNewYork().PausingResponse().Build(),
        new SlaBuilder().WithTarget(3, 240, 960, calendarId: SlaBuilder.OfficeHoursId).WithReopenWindow(120).Build(),
        new SlaBuilder().WithTarget(1, 60, 240, 120, plan: 180, nextReply: 45)
            .WithTarget(2, 30, 480, calendarId: SlaBuilder.OfficeHoursId, plan: 90, nextReply: 30).WithPausesCappedAt(90).Build(),
    ];

    private static readonly Gen<(IncidentEventType Type, string? Status, int? Priority)> EventGen =
        Gen.Int[0, Enum.GetValues<IncidentEventType>().Length - 1].SelectMany(type => Gen.Int[0, Statuses.Length - 1], (type, status) => (type, status))
            .SelectMany(t => Gen.Int[1, 3], (t, priority) => ((IncidentEventType)t.type, (string?)Statuses[t.status], (int?)priority));

    /// <summary>Up to 14 events at distinct minutes within five days, the opening priority, a policy and an arrival order.</summary>
    private static readonly Gen<Case> CaseGen =
        Gen.Int[1, 14].SelectMany(count =>
            Gen.Select(
                Gen.Int[1, 5 * 24 * 60].HashSet[count, count],
                EventGen.Array[count, count],
                Gen.Int[0, 1000].Array[count, count],
                Gen.Int[0, Slas.Length - 1],
                Gen.Int[1, 3],
                (minutes, kinds, shuffleKeys, sla, priority) =>
                {
                    var events = minutes.Order().Zip(kinds, (m, k) => new IncidentEvent(
                        $"e{m}", k.Type, Opened + Duration.FromMinutes(m), 0,
                        k.Type == IncidentEventType.StatusChanged ? k.Status : null,
                        k.Type == IncidentEventType.PriorityChanged ? k.Priority : null)).Select((e, i) => e with { Sequence = i }).ToArray();
                    var arrival = Enumerable.Range(0, count).OrderBy(i => shuffleKeys[i]).ThenBy(i => i).ToArray();
                    return new Case(events, arrival, sla, priority);
                }));

    [Test]
    public void EventsAfterAClocksStop_NeverChangeItsVerdict() =>
        Seeded.ForAll(CaseGen, c =>
        {
            var full = c.Evaluate(c.Events.Length, Now);
            for (var k = 0; k < c.Events.Length; k++)
            {
                foreach (var stopped in c.Evaluate(k, Now).Cycles.Where(x => x.StoppedAt is not null))
                {
                    var later = full.Cycles.Single(x => x.Metric == stopped.Metric && x.Cycle == stopped.Cycle);
                    if (later.StoppedAt != stopped.StoppedAt)
                        continue; // a reopen inside the window resumed it: it had not stopped for good
                    (later.State, later.BreachedAt, later.Target, later.Priority, later.Retroactive)
                        .Should().Be((stopped.State, stopped.BreachedAt, stopped.Target, stopped.Priority, stopped.Retroactive),
                            $"{stopped.Metric} cycle {stopped.Cycle} stopped after {k} events");
                }
            }
        });

    [Test]
    public void EventsAfterABreach_NeverUndoIt() =>
        Seeded.ForAll(CaseGen, c =>
        {
            var full = c.Evaluate(c.Events.Length, Now);
            for (var k = 0; k < c.Events.Length; k++)
            {
                foreach (var breached in c.Evaluate(k, Now).Cycles.Where(x => x.BreachedAt is not null))
                {
                    if (c.Events[k].OccurredAt <= breached.BreachedAt)
                        continue; // the next event lies before the breach: it may prevent it
                    var later = full.Cycles.Single(x => x.Metric == breached.Metric && x.Cycle == breached.Cycle);
                    (later.State, later.BreachedAt).Should().Be((ClockState.Breached, breached.BreachedAt),
                        $"{breached.Metric} cycle {breached.Cycle} breached after {k} events");
                }
            }
        });

    /// <summary>
    /// Events arrive as they happen; before each one (and at the end) the alarms planned by the history so far fire once
    /// their instant has passed, first firing kept, as the scheduler does. Every breach alert that fired names the
    /// instant the clock's final verdict breached at, and every breach the final verdict holds had its alert.
    /// </summary>
    [Test]
    public void TheBreachAlert_FiresAtTheClocksBreachInstant() =>
        Seeded.ForAll(CaseGen, c =>
        {
            var fired = new Dictionary<(ClockMetric, int), Instant>();
            for (var k = 0; k <= c.Events.Length; k++)
            {
                var at = k < c.Events.Length ? c.Events[k].OccurredAt : Now;
                foreach (var clock in c.Evaluate(k, at).Clocks)
                {
                    foreach (var alarm in AlarmPlanner.PlanClock(Guid.Empty, c.Sla, clock))
                    {
                        if (alarm.Type == AlertTypes.Breached && alarm.OccursAt < at)
                            fired.TryAdd((clock.Metric, clock.Cycle), alarm.OccursAt);
                    }
                }
            }

            var final = c.Evaluate(c.Events.Length, Now);
            foreach (var cycle in final.Cycles)
            {
                fired.TryGetValue((cycle.Metric, cycle.Cycle), out var firedAt);
                if (cycle.BreachedAt is { } breachedAt && breachedAt < Now)
                    fired.Should().ContainKey((cycle.Metric, cycle.Cycle)).WhoseValue.Should().Be(breachedAt, $"{cycle.Metric} cycle {cycle.Cycle}");
                else
                    fired.Should().NotContainKey((cycle.Metric, cycle.Cycle), $"{cycle.Metric} cycle {cycle.Cycle} ends {cycle.State}");
            }
        });

    [Test]
    public void ArrivalOrder_NeverChangesAVerdict() =>
        Seeded.ForAll(CaseGen, c =>
        {
            var shuffled = c.ArrivalOrder.Select((index, arrival) => c.Events[index] with { Sequence = arrival }).ToArray();

            var actual = SlaReplay.Evaluate(c.Sla, new IncidentHistory(Opened, c.Priority, "new", shuffled), Now);

            actual.Should().BeEquivalentTo(c.Evaluate(c.Events.Length, Now), o => o.WithStrictOrdering());
        });

    [Test]
    public void EveryThresholdCrossed_LiesStrictlyBeforeTheStop() =>
        Seeded.ForAll(CaseGen, c =>
        {
            foreach (var clock in c.Evaluate(c.Events.Length, Now).Clocks)
            {
                var pauses = clock.Pauses.ToArray();
                foreach (var threshold in c.Sla.Policy.WarningThresholds)
                {
                    var reachedAt = ClockRules.ThresholdReachedAt(c.Sla.Calendar(clock.CalendarId), clock.StartedAt, clock.Target, threshold, pauses);
                    clock.ThresholdsCrossed.Contains(threshold).Should().Be(reachedAt < (clock.StoppedAt ?? Now + Duration.Epsilon),
                        $"{clock.Metric} threshold {threshold} reached at {reachedAt}, stopped at {clock.StoppedAt}");
                }
            }
        });

    private sealed record Case(IncidentEvent[] Events, int[] ArrivalOrder, int SlaIndex, int Priority)
    {
        public BoundSla Sla => Slas[SlaIndex];

        /// <summary>The replay of the first <paramref name="count"/> events, in the order they happened.</summary>
        public SlaEvaluation Evaluate(int count, Instant now) =>
            SlaReplay.Evaluate(Sla, new IncidentHistory(Opened, Priority, "new", Events[..count]), now);

        public override string ToString() =>
            $"P{Priority} on policy {SlaIndex}: " + string.Join(", ", Events.Select(e => $"+{(e.OccurredAt - Opened).TotalMinutes} {e.Type} {e.Status ?? e.Priority?.ToString()}"));
    }
}
