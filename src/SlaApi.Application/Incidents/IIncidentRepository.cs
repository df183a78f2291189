using NodaTime;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents;

/// <summary>Incidents and their events, as the writer and the opening of incidents need them.</summary>
public interface IIncidentRepository
{
    /// <summary>The incident with all its events.</summary>
    Task<Incident?> GetAsync(Guid id, CancellationToken ct);

    /// <summary>The customer's incident with this (source, externalId): the natural key holds within a customer.</summary>
    Task<Incident?> FindByRefAsync(Guid customerId, string source, string externalId, CancellationToken ct);

    /// <summary>The incidents with this (source, externalId): of one customer, or of any when <paramref name="customerId"/> is null.</summary>
    Task<IReadOnlyList<Guid>> FindIdsByRefAsync(string source, string externalId, Guid? customerId, CancellationToken ct);

    /// <summary>Holds the incident against concurrent changes until the transaction ends, so no event is lost.</summary>
    /// <returns>What identifies the stored state of the incident, or null when there is no such incident.</returns>
    Task<IncidentStamp?> LockAsync(Guid id, CancellationToken ct);

    /// <summary>
    /// Stores a new incident, its events, its clocks and the alerts they will raise (<paramref name="sla"/> is null for an
    /// incident no agreement binds); false when another request stored the same customer's (source, externalId) first.
    /// </summary>
    Task<bool> AddAsync(Incident incident, SlaEvaluation evaluation, BoundSla? sla, Instant evaluatedAt, CancellationToken ct);

    /// <summary>Stores many new incidents as <see cref="AddAsync"/> does, for imports of history: they raise no alerts. Answers how many were new.</summary>
    Task<int> AddManyAsync(IReadOnlyList<(Incident Incident, SlaEvaluation Evaluation)> incidents, Instant evaluatedAt, CancellationToken ct);

    /// <summary>
    /// Stores the incident bound to other definitions (a restatement or its revert) with the state, clocks, outcomes and
    /// alarms its replay under them gave; the outcomes counted under the earlier binding are taken out of the monthly counts.
    /// </summary>
    Task RebindAsync(Incident rebound, SlaEvaluation evaluation, BoundSla sla, Instant evaluatedAt, CancellationToken ct);

    /// <summary>
    /// Stores what the incident's replay under newer rules of meaning gave (the same binding and history): its state,
    /// clocks, outcomes and monthly counts. Alarms are planned again for instants still to come only, so history
    /// raises no late alerts. Answers the outcomes stored before.
    /// </summary>
    Task<IReadOnlyList<ClockOutcome>> ReplaceReplayAsync(Incident incident, SlaEvaluation evaluation, BoundSla sla, Instant evaluatedAt, CancellationToken ct);

    /// <summary>Up to <paramref name="take"/> ids of stored incidents after <paramref name="after"/> (from the first when null), in id order.</summary>
    Task<IReadOnlyList<Guid>> IdsAfterAsync(Guid? after, int take, CancellationToken ct);

    /// <summary>Stores newly recorded events, and the state and clocks their replay gave, of any number of incidents.</summary>
    Task AppendEventsAsync(IReadOnlyList<IncidentChange> changes, CancellationToken ct);
}

/// <summary>What one replay changed: the events it added and the evaluation it gave, taken at <see cref="EvaluatedAt"/>.</summary>
/// <param name="Sla">What the incident is bound to, which plans the alerts of its clocks; null when unbound.</param>
/// <param name="Stored">The state last stored, when known: only clocks and outcomes that differ from it need writing.</param>
public sealed record IncidentChange(
    Incident Incident, IReadOnlyList<IncidentEvent> Recorded, BoundSla? Sla, SlaEvaluation Evaluation, Instant EvaluatedAt, StoredState? Stored)
{
    /// <summary>The state this change stores.</summary>
    public StoredState State { get; } = StoredState.Of(Evaluation);
}

/// <summary>What the store keeps of an evaluation: the current clocks, every cycle's outcome (with the priority it was judged by), and exclusion.</summary>
public sealed record StoredState(IReadOnlyList<SlaClock> Clocks, IReadOnlyList<ClockOutcome> Outcomes, bool Excluded)
{
    public static StoredState Of(SlaEvaluation evaluation) =>
        new(evaluation.Clocks, evaluation.Outcomes, evaluation.Excluded);
}

/// <summary>
/// Identifies an incident's stored state: the events it holds and how many times its state was recomputed outside the
/// writer (a restatement, its revert, a rules upgrade). A copy cached by any node is current only while both match.
/// </summary>
public readonly record struct IncidentStamp(int EventCount, int StateRevision);
