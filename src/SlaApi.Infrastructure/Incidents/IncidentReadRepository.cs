using NodaTime;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Incidents;
using SlaApi.Domain.Incidents;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Incidents;

/// <summary>Lists and the work queue from the incidents' stored state and clocks.</summary>
public sealed class IncidentReadRepository(SessionQueries db) : IIncidentReadRepository
{
    private const string SummaryColumns = "i.id, i.source, i.external_id, i.customer_id, i.title, i.priority, i.status, i.opened_at, i.excluded, i.final_resolved_at";

    private const string ClocksOfSql = """
        SELECT incident_id, metric, state, started_at, stopped_at, target_seconds, remaining_seconds, due_at, warning_at, breached_at, retroactive
        FROM incident_clocks WHERE incident_id IN @Ids
        """;

    private const string SummariesOfSql = $"SELECT {SummaryColumns} FROM incidents i WHERE i.id IN @Ids";

    private const string QueueSql = $"""
        SELECT q.incident_id, q.metric
        FROM (
            SELECT c.incident_id, c.metric, c.due_at, c.remaining_seconds,
                ROW_NUMBER() OVER (
                    PARTITION BY c.incident_id
                    ORDER BY CASE WHEN c.due_at IS NULL THEN 1 ELSE 0 END, c.due_at, c.remaining_seconds) AS urgency
            FROM incident_clocks c
            JOIN incidents i ON i.id = c.incident_id
            WHERE i.is_open = @Open AND c.stopped_at IS NULL AND (@CustomerId IS NULL OR i.customer_id = @CustomerId)
        ) q
        WHERE q.urgency = 1
        ORDER BY CASE WHEN q.due_at IS NULL THEN 1 ELSE 0 END, q.due_at, q.remaining_seconds, q.incident_id
        {ISqlDialect.PagingMarker}
        """;

    /// <summary>The SQL form of <see cref="StoredClock.IsBreachedAt"/>, for a clock <c>c</c> at <c>@Now</c>.</summary>
    internal const string BreachedClock = "(c.state = 'breached' OR (c.state = 'running' AND c.due_at < @Now))";

    /// <summary>The SQL form of <see cref="StoredClock.AtRiskAt"/>, for a clock <c>c</c> at <c>@Now</c>.</summary>
    internal const string AtRiskClock = "c.warning_at <= @Now AND ((c.state = 'running' AND c.due_at >= @Now) OR c.state = 'paused')";

    /// <summary>The SQL form of <see cref="StoredClock.StateAt"/> equal to <paramref name="state"/>, for a clock <c>c</c> at <c>@Now</c>.</summary>
    internal static string ClockInState(ClockState state) => state switch
    {
        ClockState.Running => "c.state = 'running' AND c.due_at >= @Now",
        ClockState.Breached => BreachedClock,
        ClockState.Paused => "c.state = 'paused'",
        _ => "c.state = 'met'",
    };

    public async Task<Page<IncidentSummary>> ListAsync(IncidentFilter filter, PageRequest page, Instant now, CancellationToken ct)
    {
        var parameters = new
        {
            filter.CustomerId,
            filter.Priority,
            OpenedFrom = filter.OpenedFrom?.ToDateTimeOffset(),
            OpenedTo = filter.OpenedTo?.ToDateTimeOffset(),
            Now = now.ToDateTimeOffset(),
        };
        var where = WhereClause(filter);
        var rows = await db.PageAsync<SummaryRow>(
            $"SELECT COUNT(*) FROM incidents i {where}",
            $"SELECT {SummaryColumns} FROM incidents i {where} ORDER BY i.opened_at DESC, i.id DESC {ISqlDialect.PagingMarker}",
            page, ct, parameters);
        var summaries = await WithClocksAsync(rows.Items, ct);
        return new Page<IncidentSummary>(summaries, rows.PageNumber, rows.PageSize, rows.TotalItems);
    }

    public async Task<IReadOnlyList<IncidentSummary>> QueueAsync(Guid? customerId, int limit, CancellationToken ct)
    {
        var queue = await db.QueryAsync<QueueRow>(QueueSql, new { Open = true, CustomerId = customerId, Skip = 0, Take = limit }, ct);
        if (queue.Count == 0)
            return [];
        var rows = await db.QueryAsync<SummaryRow>(SummariesOfSql, new { Ids = queue.Select(q => q.IncidentId).ToArray() }, ct);
        var summaries = (await WithClocksAsync(rows, ct)).ToDictionary(s => s.Id);
        return queue.Select(q =>
        {
            var summary = summaries[q.IncidentId];
            var first = summary.Clocks.Single(c => Names.Of(c.Metric) == q.Metric);
            return summary with { Clocks = summary.Clocks.Where(c => c != first).Prepend(first).ToArray() };
        }).ToArray();
    }

    /// <summary>The WHERE clause of a list, from fixed fragments: values always travel as parameters.</summary>
    internal static string WhereClause(IncidentFilter filter)
    {
        var conditions = new List<string>();
        if (filter.CustomerId is not null)
            conditions.Add("i.customer_id = @CustomerId");
        if (filter.Priority is not null)
            conditions.Add("i.priority = @Priority");
        if (filter.OpenedFrom is not null)
            conditions.Add("i.opened_at >= @OpenedFrom");
        if (filter.OpenedTo is not null)
            conditions.Add("i.opened_at < @OpenedTo");
        if (filter.State is { } state)
            conditions.Add(ClockExists(ClockInState(state)));
        if (filter.Breached is { } breached)
            conditions.Add((breached ? "" : "NOT ") + ClockExists(BreachedClock));
        if (filter.AtRisk is { } atRisk)
            conditions.Add((atRisk ? "" : "NOT ") + ClockExists(AtRiskClock));
        return conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);

        static string ClockExists(string condition) => $"EXISTS (SELECT 1 FROM incident_clocks c WHERE c.incident_id = i.id AND {condition})";
    }

    private async Task<IReadOnlyList<IncidentSummary>> WithClocksAsync(IReadOnlyList<SummaryRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return [];
        var clocks = (await db.QueryAsync<StoredClockRow>(ClocksOfSql, new { Ids = rows.Select(r => r.Id).ToArray() }, ct))
            .ToLookup(c => c.IncidentId, c => c.ToStoredClock());
        return rows.Select(r => r.ToSummary(clocks[r.Id].OrderBy(c => c.Metric).ToArray())).ToArray();
    }

    private static Instant? FromUtc(DateTimeOffset? value) => value is { } v ? Instant.FromDateTimeOffset(v) : null;

    private sealed class StoredClockRow
    {
        public Guid IncidentId { get; init; }

        public string Metric { get; init; } = "";

        public string State { get; init; } = "";

        public DateTimeOffset StartedAt { get; init; }

        public DateTimeOffset? StoppedAt { get; init; }

        public long TargetSeconds { get; init; }

        public long RemainingSeconds { get; init; }

        public DateTimeOffset? DueAt { get; init; }

        public DateTimeOffset? WarningAt { get; init; }

        public DateTimeOffset? BreachedAt { get; init; }

        public bool Retroactive { get; init; }

        public StoredClock ToStoredClock() => new(
            Names.Metrics[Metric], Names.States[State], Instant.FromDateTimeOffset(StartedAt), FromUtc(StoppedAt), TargetSeconds,
            RemainingSeconds, FromUtc(DueAt), FromUtc(WarningAt), FromUtc(BreachedAt), Retroactive);
    }

    private sealed class SummaryRow
    {
        public Guid Id { get; init; }

        public string Source { get; init; } = "";

        public string ExternalId { get; init; } = "";

        public Guid CustomerId { get; init; }

        public string Title { get; init; } = "";

        public int Priority { get; init; }

        public string? Status { get; init; }

        public DateTimeOffset OpenedAt { get; init; }

        public bool Excluded { get; init; }

        public DateTimeOffset? FinalResolvedAt { get; init; }

        public IncidentSummary ToSummary(IReadOnlyList<StoredClock> clocks) => new(
            Id, Source, ExternalId, CustomerId, Title, Priority, Status, Instant.FromDateTimeOffset(OpenedAt), Excluded, FromUtc(FinalResolvedAt), clocks);
    }

    private sealed class QueueRow
    {
        public Guid IncidentId { get; init; }

        public string Metric { get; init; } = "";
    }
}
