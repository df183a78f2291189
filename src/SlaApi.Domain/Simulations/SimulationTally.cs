using NodaTime;
using SlaApi.Domain.Incidents;

namespace SlaApi.Domain.Simulations;

/// <summary>Clocks counted on both sides of a what-if: as they were (actual) and as the draft would have had them.</summary>
public record struct SideBySide(long ActualMet, long ActualBreached, long DraftMet, long DraftBreached)
{
    public readonly SideBySide Plus(bool? actualBreached, bool? draftBreached) => new(
        ActualMet + (actualBreached == false ? 1 : 0), ActualBreached + (actualBreached == true ? 1 : 0),
        DraftMet + (draftBreached == false ? 1 : 0), DraftBreached + (draftBreached == true ? 1 : 0));
}

/// <summary>A clock cycle whose outcome the draft turns round: met to breached, or breached to met.</summary>
public sealed record Flip(Guid IncidentId, Guid CustomerId, Guid AgreementId, int Priority, ClockMetric Metric, int Cycle, bool ActualBreached,
    long ActualTargetSeconds, long DraftTargetSeconds, long? ElapsedSecondsActual, long? ElapsedSecondsDraft);

/// <summary>One incident of the what-if, replayed as bound and under the draft.</summary>
public sealed record SimulatedIncident(Guid Id, Guid CustomerId, Guid AgreementId, SlaEvaluation Actual, SlaEvaluation Draft);

/// <summary>
/// Adds up a what-if (sla-semantics §8 "What-if"): each clock cycle that had settled at the simulation's instant counts
/// on each side, met or breached, excluded incidents left out of both as reports leave them; by metric and priority, and
/// by agreement, month and metric for credits. A cycle that settled on both sides with another outcome is a flip;
/// flips are counted in full and kept up to <see cref="MaxKeptFlips"/>.
/// </summary>
public sealed class SimulationTally(Instant asOf, Func<Guid, DateTimeZone> zoneOfAgreement)
{
    public const int MaxKeptFlips = 10_000;

    private readonly List<Flip> _flips = [];

    public Dictionary<(ClockMetric Metric, int Priority), SideBySide> ByPriority { get; } = [];

    public Dictionary<(Guid Agreement, YearMonth Month, ClockMetric Metric), SideBySide> ByAgreementMonth { get; } = [];

    public IReadOnlyList<Flip> Flips => _flips;

    public long Incidents { get; private set; }

    public long ExcludedIncidents { get; private set; }

    public long MetToBreached { get; private set; }

    public long BreachedToMet { get; private set; }

    public void Add(SimulatedIncident incident)
    {
        Incidents++;
        if (incident.Actual.Excluded)
        {
            ExcludedIncidents++;
            return;
        }
        var actual = Settled(incident.Actual);
        var draft = Settled(incident.Draft);
        foreach (var key in actual.Keys.Union(draft.Keys))
        {
            var before = actual.GetValueOrDefault(key);
            var after = draft.GetValueOrDefault(key);
            var byPriority = (key.Metric, (before ?? after)!.Priority);
            ByPriority[byPriority] = ByPriority.GetValueOrDefault(byPriority).Plus(before?.Breached, after?.Breached);
            var settledAt = (before ?? after)!.SettledAt;
            var month = (incident.AgreementId, settledAt.InZone(zoneOfAgreement(incident.AgreementId)).Date.ToYearMonth(), key.Metric);
            ByAgreementMonth[month] = ByAgreementMonth.GetValueOrDefault(month).Plus(before?.Breached, after?.Breached);
            if (before is not null && after is not null && before.Breached != after.Breached)
                Record(incident, before, after);
        }
    }

    private void Record(SimulatedIncident incident, ClockOutcome before, ClockOutcome after)
    {
        if (before.Breached)
            BreachedToMet++;
        else
            MetToBreached++;
        if (_flips.Count < MaxKeptFlips)
        {
            _flips.Add(new Flip(incident.Id, incident.CustomerId, incident.AgreementId, before.Priority, before.Metric, before.Cycle, before.Breached,
                (long)before.Target.TotalSeconds, (long)after.Target.TotalSeconds, Seconds(before.Elapsed), Seconds(after.Elapsed)));
        }
    }

    private static long? Seconds(Duration? elapsed) => elapsed is { } value ? (long)value.TotalSeconds : null;

    private Dictionary<(ClockMetric Metric, int Cycle), ClockOutcome> Settled(SlaEvaluation evaluation) =>
        evaluation.Outcomes.Where(o => o.SettledAt <= asOf).ToDictionary(o => (o.Metric, o.Cycle));
}
