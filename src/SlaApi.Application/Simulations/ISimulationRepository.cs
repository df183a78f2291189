using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Simulations;

namespace SlaApi.Application.Simulations;

/// <summary>A simulation as stored: asked, claimed by a runner, progressing, then completed with its result or failed.</summary>
public sealed record StoredSimulation(
    Guid Id, string Status, int PercentDone, long IncidentsTotal, long IncidentsReplayed, SimulationRequest Request, Guid? CustomerScope,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error, SimulationResult? Result);

/// <summary>What a completed simulation found; flips are stored apart and read by page.</summary>
public sealed record SimulationResult(
    long Incidents, long ExcludedIncidents, long ActualBreaches, long DraftBreaches, long MetToBreached, long BreachedToMet, bool FlipsTruncated,
    IReadOnlyList<SimulatedComplianceDto> Compliance, IReadOnlyList<SimulatedCreditDto> Credits);

public interface ISimulationRepository
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>Stores a simulation to run; the runner is told once it is committed.</summary>
    Task AddAsync(Guid id, SimulationRequest request, Guid? customerScope, string requestedBy, DateTimeOffset now, CancellationToken ct);

    Task<StoredSimulation?> GetAsync(Guid id, CancellationToken ct);
    /// <summary>
    /// Simulations not yet finished: all of them, the key's, and those of the customer a key is bound to (0 for none).
    /// Holds the queue until the transaction ends, so two requests cannot both pass a cap between count and insert.
    /// </summary>
    Task<(int All, int OfKey, int OfCustomer)> CountUnfinishedAsync(string requestedBy, Guid? customerScope, CancellationToken ct);

    /// <summary>Claims the oldest simulation waiting to run, under a lease; null when none waits.</summary>
    /// <summary>
    /// Takes the next waiting simulation under a lease: of the key whose simulations started least recently (never
    /// first), oldest first, so one key's queue does not hold back another's.
    /// </summary>
    Task<StoredSimulation?> ClaimAsync(DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct);

    /// <summary>Progress, and a longer lease: false when the simulation is no longer this runner's.</summary>
    Task<bool> ProgressAsync(Guid id, long total, long replayed, DateTimeOffset leaseUntil, CancellationToken ct);

    Task CompleteAsync(Guid id, SimulationResult result, IReadOnlyList<Flip> flips, DateTimeOffset now, CancellationToken ct);

    Task FailAsync(Guid id, string error, DateTimeOffset now, CancellationToken ct);

    Task<Page<Flip>> FlipsAsync(Guid id, PageRequest page, CancellationToken ct);
}
