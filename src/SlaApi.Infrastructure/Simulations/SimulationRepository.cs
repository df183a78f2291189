using SlaApi.Application.Common.Paging;
using SlaApi.Application.Incidents;
using SlaApi.Application.Simulations;
using SlaApi.Domain.Simulations;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Simulations;

public sealed class SimulationRepository(SessionQueries db, DbSession session, ISimulationQueue queue) : ISimulationRepository
{
    private const string Columns = """
        id, status, percent_done, incidents_total, incidents_replayed, request, result, error, customer_scope, created_at, started_at, finished_at
        """;

    private const string InsertSql = """
        INSERT INTO simulations (id, status, percent_done, incidents_total, incidents_replayed, request, customer_scope, requested_by, created_at)
        VALUES (@Id, 'queued', 0, 0, 0, @Request, @CustomerScope, @RequestedBy, @Now)
        """;

    private const string GetSql = $"SELECT {Columns} FROM simulations WHERE id = @Id";

    private const string Waiting = "status = 'queued' OR (status = 'running' AND lease_until < @Now)";

    private const string CountUnfinishedSql = """
        SELECT COUNT(*) AS all_count, SUM(CASE WHEN requested_by = @RequestedBy THEN 1 ELSE 0 END) AS key_count,
            SUM(CASE WHEN customer_scope = @CustomerScope THEN 1 ELSE 0 END) AS customer_count
        FROM simulations WHERE status IN ('queued', 'running')
        """;

    private const string LastStartOfKey = "(SELECT MAX(p.started_at) FROM simulations p WHERE p.requested_by = s.requested_by)";

    private const string WaitingSql = $"""
        SELECT s.id FROM simulations s WHERE {Waiting}
        ORDER BY CASE WHEN {LastStartOfKey} IS NULL THEN 0 ELSE 1 END, {LastStartOfKey}, s.created_at
        """;

    private const string ClaimSql = $"""
        UPDATE simulations SET status = 'running', lease_until = @LeaseUntil, started_at = @Now, percent_done = 0, incidents_replayed = 0
        WHERE id = @Id AND ({Waiting})
        """;

    private const string ProgressSql = """
        UPDATE simulations SET incidents_total = @Total, incidents_replayed = @Replayed, percent_done = @Percent, lease_until = @LeaseUntil
        WHERE id = @Id AND status = 'running'
        """;

    private const string CompleteSql = """
        UPDATE simulations SET status = 'completed', percent_done = 100, result = @Result, finished_at = @Now, lease_until = NULL WHERE id = @Id
        """;

    private const string FailSql = """
        UPDATE simulations SET status = 'failed', error = @Error, finished_at = @Now, lease_until = NULL WHERE id = @Id
        """;

    private const string DeleteFlipsSql = "DELETE FROM simulation_flips WHERE simulation_id = @Id";

    private const string InsertFlipSql = """
        INSERT INTO simulation_flips (simulation_id, position, incident_id, customer_id, agreement_id, priority, metric, cycle, actual_breached,
            actual_target_seconds, draft_target_seconds, elapsed_seconds_actual, elapsed_seconds_draft)
        VALUES (@SimulationId, @Position, @IncidentId, @CustomerId, @AgreementId, @Priority, @Metric, @Cycle, @ActualBreached,
            @ActualTargetSeconds, @DraftTargetSeconds, @ElapsedSecondsActual, @ElapsedSecondsDraft)
        """;

    private const string CountFlipsSql = "SELECT COUNT(*) FROM simulation_flips WHERE simulation_id = @Id";

    private const string FlipPageSql = $"""
        SELECT incident_id, customer_id, agreement_id, priority, metric, cycle, actual_breached, actual_target_seconds, draft_target_seconds,
            elapsed_seconds_actual, elapsed_seconds_draft
        FROM simulation_flips WHERE simulation_id = @Id
        ORDER BY position
        {ISqlDialect.PagingMarker}
        """;

    public async Task AddAsync(Guid id, SimulationRequest request, Guid? customerScope, string requestedBy, DateTimeOffset now, CancellationToken ct)
    {
        await db.ExecuteAsync(InsertSql, new { Id = id, Request = JsonColumn.Write(request), CustomerScope = customerScope, RequestedBy = requestedBy, Now = now }, ct);
        session.AfterCommit(queue.Notify);
    }

    public async Task<StoredSimulation?> GetAsync(Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<SimulationRow>(GetSql, new { Id = id }, ct))?.ToStored();

    public async Task<(int All, int OfKey, int OfCustomer)> CountUnfinishedAsync(string requestedBy, Guid? customerScope, CancellationToken ct)
    {
        if (db.Dialect.SerializeSql(QueueResource) is { } serialize)
            await db.ExecuteAsync(serialize, null, ct);
        var counts = await db.QuerySingleOrDefaultAsync<UnfinishedRow>(CountUnfinishedSql, new { RequestedBy = requestedBy, CustomerScope = customerScope }, ct);
        return ((int)(counts?.AllCount ?? 0), (int)(counts?.KeyCount ?? 0), (int)(counts?.CustomerCount ?? 0));
    }

    private const string QueueResource = "slaapi-simulation-queue";

    public async Task<StoredSimulation?> ClaimAsync(DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        foreach (var id in await db.QueryAsync<Guid>(WaitingSql, new { Now = now }, ct))
        {
            if (await db.ExecuteAsync(ClaimSql, new { Id = id, Now = now, LeaseUntil = leaseUntil }, ct) == 1)
                return await GetAsync(id, ct);
        }
        return null;
    }

    public async Task<bool> ProgressAsync(Guid id, long total, long replayed, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        var percent = total == 0 ? 100 : (int)Math.Min(100, replayed * 100 / total);
        return await db.ExecuteAsync(ProgressSql, new { Id = id, Total = total, Replayed = replayed, Percent = percent, LeaseUntil = leaseUntil }, ct) == 1;
    }

    public async Task CompleteAsync(Guid id, SimulationResult result, IReadOnlyList<Flip> flips, DateTimeOffset now, CancellationToken ct)
    {
        await session.BeginAsync(ct);
        try
        {
            await db.ExecuteAsync(DeleteFlipsSql, new { Id = id }, ct);
            for (var position = 0; position < flips.Count; position++)
                await db.ExecuteAsync(InsertFlipSql, FlipRow.From(id, position, flips[position]), ct);
            await db.ExecuteAsync(CompleteSql, new { Id = id, Result = JsonColumn.Write(result), Now = now }, ct);
            await session.CommitAsync(ct);
        }
        catch
        {
            await session.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    public Task FailAsync(Guid id, string error, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(FailSql, new { Id = id, Error = error, Now = now }, ct);

    public async Task<Page<Flip>> FlipsAsync(Guid id, PageRequest page, CancellationToken ct) =>
        (await db.PageAsync<FlipRow>(CountFlipsSql, FlipPageSql, page, ct, new { Id = id })).Map(r => r.ToFlip());

    private sealed class UnfinishedRow
    {
        public long AllCount { get; init; }

        public long? KeyCount { get; init; }

        public long? CustomerCount { get; init; }
    }

    private sealed class SimulationRow
    {
        public Guid Id { get; init; }

        public string Status { get; init; } = "";

        public int PercentDone { get; init; }

        public long IncidentsTotal { get; init; }

        public long IncidentsReplayed { get; init; }

        public string Request { get; init; } = "";

        public string? Result { get; init; }

        public string? Error { get; init; }

        public Guid? CustomerScope { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset? StartedAt { get; init; }

        public DateTimeOffset? FinishedAt { get; init; }

        public StoredSimulation ToStored() => new(
            Id, Status, PercentDone, IncidentsTotal, IncidentsReplayed, JsonColumn.Read<SimulationRequest>(Request), CustomerScope, CreatedAt, StartedAt,
            FinishedAt, Error, Result is null ? null : JsonColumn.Read<SimulationResult>(Result));
    }

    private sealed class FlipRow
    {
        public Guid SimulationId { get; init; }

        public int Position { get; init; }

        public Guid IncidentId { get; init; }

        public Guid CustomerId { get; init; }

        public Guid AgreementId { get; init; }

        public int Priority { get; init; }

        public string Metric { get; init; } = "";

        public int Cycle { get; init; }

        public bool ActualBreached { get; init; }

        public long ActualTargetSeconds { get; init; }

        public long DraftTargetSeconds { get; init; }

        public long? ElapsedSecondsActual { get; init; }

        public long? ElapsedSecondsDraft { get; init; }

        public static FlipRow From(Guid simulationId, int position, Flip f) => new()
        {
            SimulationId = simulationId,
            Position = position,
            IncidentId = f.IncidentId,
            CustomerId = f.CustomerId,
            AgreementId = f.AgreementId,
            Priority = f.Priority,
            Metric = Names.Of(f.Metric),
            Cycle = f.Cycle,
            ActualBreached = f.ActualBreached,
            ActualTargetSeconds = f.ActualTargetSeconds,
            DraftTargetSeconds = f.DraftTargetSeconds,
            ElapsedSecondsActual = f.ElapsedSecondsActual,
            ElapsedSecondsDraft = f.ElapsedSecondsDraft,
        };

        public Flip ToFlip() => new(IncidentId, CustomerId, AgreementId, Priority, Names.Metrics[Metric], Cycle,
            ActualBreached, ActualTargetSeconds, DraftTargetSeconds, ElapsedSecondsActual, ElapsedSecondsDraft);
    }
}
