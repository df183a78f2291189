using NodaTime;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;

namespace SlaApi.Domain.Agreements;

/// <summary>
/// Re-stating history under a chosen version (sla-semantics §4, §8 "Restatements"): the agreement's incidents opened in
/// [From, To) are bound again, to the agreement version chosen with its policy and calendars as they stand at
/// <see cref="RestatedAt"/>, and replayed. Each incident's earlier binding is kept, so reverting the restatement binds
/// it back and replays to exactly the figures it had. Nothing is edited in place: both steps are recorded, by whom and when.
/// </summary>
/// <param name="Number">1 for the agreement's first restatement, and so on: reverts go from the highest number down.</param>
public sealed record Restatement(
    Guid Id, Guid AgreementId, int Number, int AgreementVersion, Instant From, Instant To, string Reason, Instant RestatedAt, string RestatedBy,
    Instant? RevertedAt, string? RevertedBy, int Incidents, int OutcomesChanged, long BreachesBefore, long BreachesAfter)
{
    public const int MaxIncidents = 5_000;
    public const int ReasonMaxLength = 1000;

    public bool IsActive => RevertedAt is null;

    public Restatement Revert(Instant now, string by) =>
        IsActive
            ? this with { RevertedAt = now, RevertedBy = by }
            : throw new BusinessRuleException("restatement.already-reverted", $"The restatement was reverted at {RevertedAt}.");
}

/// <summary>One incident of a restatement: the binding it had and the one it was given, and the clock cycles breached under each.</summary>
/// <param name="BreachedBefore">The settled clock cycles that breached under the earlier binding, as "metric:cycle".</param>
public sealed record RestatedIncident(
    Guid IncidentId, IncidentBinding Before, IncidentBinding After, IReadOnlyList<string> BreachedBefore, IReadOnlyList<string> BreachedAfter)
{
    public bool OutcomeChanged => !BreachedBefore.SequenceEqual(BreachedAfter);

    /// <summary>The cycles an evaluation counts as breached at <paramref name="asOf"/>, in a stable order.</summary>
    public static IReadOnlyList<string> Breached(SlaEvaluation evaluation, Instant asOf) =>
        evaluation.Outcomes.Where(o => o.Breached && o.SettledAt <= asOf)
            .Select(o => $"{WireName.Of(o.Metric)}:{o.Cycle}").Order(StringComparer.Ordinal).ToArray();
}
