using CsCheck;
using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.UnitTests.Builders;

namespace SlaApi.Domain.UnitTests.Incidents;

/// <summary>Replay is a function of what happened, not of the order in which the integrations told us.</summary>
public sealed class SlaReplayPropertyTests
{
    private static readonly Instant Opened = Instant.FromUtc(2026, 3, 6, 20, 0);
    private static readonly string[] Statuses = ["new", "in-progress", "waiting-customer"];

    private static readonly Gen<(IncidentEventType Type, string? Status, int? Priority)> EventGen =
        Gen.Int[0, Enum.GetValues<IncidentEventType>().Length - 1].SelectMany(type => Gen.Int[0, Statuses.Length - 1], (type, status) => (type, status))
            .SelectMany(t => Gen.Int[1, 3], (t, priority) => ((IncidentEventType)t.type, (string?)Statuses[t.status], (int?)priority));

    /// <summary>Up to 12 events at distinct minutes within five days, and an arrival order for them.</summary>
    private static readonly Gen<(IncidentEvent[] Events, int[] ArrivalOrder, bool OfficeHours)> HistoryGen =
        Gen.Int[1, 12].SelectMany(count =>
            Gen.Select(
                Gen.Int[1, 5 * 24 * 60].HashSet[count, count],
                EventGen.Array[count, count],
                Gen.Int[0, 1000].Array[count, count],
                Gen.Bool,
                (minutes, kinds, shuffleKeys, officeHours) =>
                {
                    var events = minutes.Order().Zip(kinds, (m, k) => new IncidentEvent(
                        $"e{m}", k.Type, Opened + Duration.FromMinutes(m), 0,
                        k.Type == IncidentEventType.StatusChanged ? k.Status : null,
                        k.Type == IncidentEventType.PriorityChanged ? k.Priority : null)).ToArray();
                    var arrival = Enumerable.Range(0, count).OrderBy(i => shuffleKeys[i]).ThenBy(i => i).ToArray();
                    return (events, arrival, officeHours);
                }));

    [Test]
    public void Evaluate_EventsArrivingInAnyOrder_GiveIdenticalClocks() =>
        Seeded.ForAll(HistoryGen, c =>
        {
            var sla = c.OfficeHours ? new SlaBuilder().OnOfficeHoursNewYork().PausingResponse().Build() : new SlaBuilder().Build();
            var now = Opened + Duration.FromDays(6);
            var inOrder = c.Events.Select((e, i) => e with { Sequence = i }).ToArray();
            var shuffled = c.ArrivalOrder.Select((index, arrival) => c.Events[index] with { Sequence = arrival }).ToArray();

            var expected = SlaReplay.Evaluate(sla, new IncidentHistory(Opened, 1, "new", inOrder), now);
            var actual = SlaReplay.Evaluate(sla, new IncidentHistory(Opened, 1, "new", shuffled), now);

            actual.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        });

    [Test]
    public void Evaluate_ElapsedNeverExceedsWallTimeSinceStart() =>
        Seeded.ForAll(HistoryGen, c =>
        {
            var now = Opened + Duration.FromDays(6);
            var events = c.Events.Select((e, i) => e with { Sequence = i }).ToArray();

            var evaluation = SlaReplay.Evaluate(new SlaBuilder().Build(), new IncidentHistory(Opened, 1, "new", events), now);

            foreach (var clock in evaluation.Clocks)
            {
                clock.Elapsed.Should().BeLessThanOrEqualTo((clock.StoppedAt ?? now) - clock.StartedAt);
                (clock.State == ClockState.Breached).Should().Be(clock.BreachedAt is not null);
            }
        });
}
