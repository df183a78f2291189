using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Simulations;

namespace SlaApi.Domain.UnitTests.Simulations;

public sealed class SimulationTallyTests
{
    private static readonly Instant AsOf = Instant.FromUtc(2026, 11, 25, 12, 0);
    private static readonly Instant Settled = Instant.FromUtc(2026, 10, 31, 20, 0);

    [Test]
    public void ACycleSettledOnBothSidesWithAnotherOutcome_IsAFlip_CountedByMetricAndPriority()
    {
        var tally = Tally();

        tally.Add(Incident(actual: [Outcome(ClockMetric.Response, breached: false)], draft: [Outcome(ClockMetric.Response, breached: true)]));
        tally.Add(Incident(actual: [Outcome(ClockMetric.Response, breached: true)], draft: [Outcome(ClockMetric.Response, breached: true)]));

        tally.ByPriority[(ClockMetric.Response, 2)].Should().Be(new SideBySide(1, 1, 0, 2));
        (tally.MetToBreached, tally.BreachedToMet).Should().Be((1L, 0L));
        tally.Flips.Should().ContainSingle().Which.ActualBreached.Should().BeFalse();
    }

    [Test]
    public void CyclesNotSettledAtTheInstant_AndExcludedIncidents_CountOnNeitherSide()
    {
        var tally = Tally();

        tally.Add(Incident(actual: [Outcome(ClockMetric.Resolution, breached: true, settledAt: AsOf + Duration.FromHours(1))], draft: []));
        tally.Add(Incident(actual: [Outcome(ClockMetric.Resolution, breached: true)], draft: [Outcome(ClockMetric.Resolution, breached: false)], excluded: true));

        tally.ByPriority.Should().BeEmpty();
        (tally.Incidents, tally.ExcludedIncidents).Should().Be((2L, 1L));
    }

    [Test]
    public void Months_AreTheAgreementsOwn()
    {
        var tally = new SimulationTally(AsOf, _ => DateTimeZoneProviders.Tzdb["Pacific/Auckland"]);

        tally.Add(Incident(actual: [Outcome(ClockMetric.Response, breached: true)], draft: [Outcome(ClockMetric.Response, breached: false)]));

        tally.ByAgreementMonth.Keys.Single().Month.Should().Be(new YearMonth(2026, 11), "20:00 on 31 October UTC is November in Auckland");
    }

    private static SimulationTally Tally() => new(AsOf, _ => DateTimeZone.Utc);

    private static SimulatedIncident Incident(ClockOutcome[] actual, ClockOutcome[] draft, bool excluded = false) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Evaluation(actual, excluded), Evaluation(draft, excluded));

    private static SlaEvaluation Evaluation(ClockOutcome[] outcomes, bool excluded) =>
        new(2, null, excluded, excluded ? "maintenance" : null, null, null, [], [], outcomes, null, null);

    private static ClockOutcome Outcome(ClockMetric metric, bool breached, Instant? settledAt = null) =>
        new(metric, 1, breached, settledAt ?? Settled, Settled - Duration.FromHours(1), Settled, Duration.FromMinutes(30), Duration.FromMinutes(45), false, 2);
}
