using NodaTime;
using SlaApi.Application.Incidents;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Incidents;

/// <summary>
/// Keeps clock_outcomes and its monthly counts in step with the incidents' replays, in the writer's transaction.
/// Counts are applied as deltas, gathered per batch: an outcome that changed is taken out of its month and the new
/// one added, so the counts always equal a count of the rows.
/// </summary>
internal sealed class ClockOutcomeStore(SessionQueries db, PreparedCommands prepared)
{
    private const string OutcomeColumns = """
        incident_id, metric, cycle, customer_id, agreement_id, agreement_version, policy_id, policy_version, priority,
        service_code, excluded, breached, settled_at, started_at, stopped_at, target_seconds, elapsed_seconds, retroactive
        """;

    private const string InsertSql = """
        INSERT INTO clock_outcomes (incident_id, metric, cycle, customer_id, agreement_id, agreement_version, policy_id, policy_version, priority,
            service_code, excluded, breached, settled_at, started_at, stopped_at, target_seconds, elapsed_seconds, retroactive)
        VALUES (@IncidentId, @Metric, @Cycle, @CustomerId, @AgreementId, @AgreementVersion, @PolicyId, @PolicyVersion, @Priority,
            @ServiceCode, @Excluded, @Breached, @SettledAt, @StartedAt, @StoppedAt, @TargetSeconds, @ElapsedSeconds, @Retroactive)
        """;

    private const string UpdateSql = """
        UPDATE clock_outcomes SET priority = @Priority, excluded = @Excluded, breached = @Breached, settled_at = @SettledAt,
            started_at = @StartedAt, stopped_at = @StoppedAt, target_seconds = @TargetSeconds, elapsed_seconds = @ElapsedSeconds,
            retroactive = @Retroactive
        WHERE incident_id = @IncidentId AND metric = @Metric AND cycle = @Cycle
        """;

    private const string DeleteSql = "DELETE FROM clock_outcomes WHERE incident_id = @IncidentId AND metric = @Metric AND cycle = @Cycle";

    private const string OfIncidentSql = $"SELECT {OutcomeColumns} FROM clock_outcomes WHERE incident_id = @Id";

    internal static readonly string[] MonthKeys =
        ["month", "customer_id", "agreement_id", "agreement_version", "policy_id", "policy_version", "priority", "metric", "service_code"];

    internal static readonly string[] MonthCounters = ["met_count", "breached_count", "excluded_count"];

    private readonly Dictionary<MonthKey, MonthCounts> _deltas = [];
    private readonly string _addToMonthsSql = db.Dialect.AddToCountersSql("clock_outcome_months", MonthKeys, MonthCounters);

    public Task AddAsync(Incident incident, StoredState state, CancellationToken ct) =>
        incident.Binding is { } binding ? WriteAsync(incident, binding, state, null, ct) : Task.CompletedTask;

    /// <param name="stored">The state the stored rows were written from, when known; otherwise they are read.</param>
    public async Task ReplaceAsync(Incident incident, StoredState state, StoredState? stored, CancellationToken ct)
    {
        if (incident.Binding is not { } binding)
            return;
        stored ??= await ReadAsync(incident.Id, ct);
        await WriteAsync(incident, binding, state, stored, ct);
    }

    private async Task<StoredState?> ReadAsync(Guid incidentId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<OutcomeRow>(OfIncidentSql, new { Id = incidentId }, ct);
        return rows.Count == 0 ? null : new StoredState([], rows.Select(r => r.ToOutcome()).ToArray(), rows[0].Priority, rows[0].Excluded);
    }

    /// <summary>Rows are built only for the outcomes that changed: most events change one or two of an incident's cycles.</summary>
    private async Task WriteAsync(Incident incident, IncidentBinding binding, StoredState state, StoredState? stored, CancellationToken ct)
    {
        var before = stored?.Outcomes.ToDictionary(o => (o.Metric, o.Cycle)) ?? [];
        var sameDimensions = stored is not null && stored.Priority == state.Priority && stored.Excluded == state.Excluded;
        foreach (var outcome in state.Outcomes)
        {
            var isNew = !before.Remove((outcome.Metric, outcome.Cycle), out var previous);
            if (!isNew && sameDimensions && previous == outcome)
                continue;
            var row = Row(incident, binding, state, outcome);
            await prepared.ExecuteAsync(isNew ? InsertSql : UpdateSql, row, ct);
            if (!isNew)
                Count(Row(incident, binding, stored!, previous!), -1);
            Count(row, +1);
        }
        foreach (var removed in before.Values)
        {
            var row = Row(incident, binding, stored!, removed);
            await prepared.ExecuteAsync(DeleteSql, row, ct);
            Count(row, -1);
        }
    }

    /// <summary>Writes the month counts gathered since the last flush.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        foreach (var (key, counts) in _deltas)
        {
            if (counts != default)
                await prepared.ExecuteAsync(_addToMonthsSql, new MonthRow(key, counts), ct);
        }
        _deltas.Clear();
    }

    private void Count(OutcomeRow row, int sign)
    {
        var settled = row.SettledAt.UtcDateTime;
        var key = new MonthKey(new DateTimeOffset(settled.Year, settled.Month, 1, 0, 0, 0, TimeSpan.Zero), row.CustomerId, row.AgreementId,
            row.AgreementVersion, row.PolicyId, row.PolicyVersion, row.Priority, row.Metric, row.ServiceCode);
        var counts = _deltas.GetValueOrDefault(key);
        _deltas[key] = row.Excluded ? counts with { Excluded = counts.Excluded + sign }
            : row.Breached ? counts with { Breached = counts.Breached + sign }
            : counts with { Met = counts.Met + sign };
    }

    private static OutcomeRow Row(Incident incident, IncidentBinding binding, StoredState state, ClockOutcome o) =>
        new()
        {
            IncidentId = incident.Id,
            Metric = Names.Of(o.Metric),
            Cycle = o.Cycle,
            CustomerId = incident.CustomerId,
            AgreementId = binding.AgreementId,
            AgreementVersion = binding.AgreementVersion,
            PolicyId = binding.PolicyId,
            PolicyVersion = binding.PolicyVersion,
            Priority = state.Priority,
            ServiceCode = incident.ServiceCode ?? "",
            Excluded = state.Excluded,
            Breached = o.Breached,
            SettledAt = o.SettledAt.ToDateTimeOffset(),
            StartedAt = o.StartedAt.ToDateTimeOffset(),
            StoppedAt = o.StoppedAt?.ToDateTimeOffset(),
            TargetSeconds = o.Target.WholeSeconds(),
            ElapsedSeconds = o.Elapsed?.WholeSeconds(),
            Retroactive = o.Retroactive,
        };

    private readonly record struct MonthKey(
        DateTimeOffset Month, Guid CustomerId, Guid AgreementId, int AgreementVersion, Guid PolicyId, int PolicyVersion, int Priority,
        string Metric, string ServiceCode);

    private readonly record struct MonthCounts(long Met, long Breached, long Excluded);

    private sealed record MonthRow(MonthKey Key, MonthCounts Counts)
    {
        public DateTimeOffset Month => Key.Month;

        public Guid CustomerId => Key.CustomerId;

        public Guid AgreementId => Key.AgreementId;

        public int AgreementVersion => Key.AgreementVersion;

        public Guid PolicyId => Key.PolicyId;

        public int PolicyVersion => Key.PolicyVersion;

        public int Priority => Key.Priority;

        public string Metric => Key.Metric;

        public string ServiceCode => Key.ServiceCode;

        public long MetCount => Counts.Met;

        public long BreachedCount => Counts.Breached;

        public long ExcludedCount => Counts.Excluded;
    }

    internal sealed record OutcomeRow
    {
        public Guid IncidentId { get; init; }

        public string Metric { get; init; } = "";

        public int Cycle { get; init; }

        public Guid CustomerId { get; init; }

        public Guid AgreementId { get; init; }

        public int AgreementVersion { get; init; }

        public Guid PolicyId { get; init; }

        public int PolicyVersion { get; init; }

        public int Priority { get; init; }

        public string ServiceCode { get; init; } = "";

        public bool Excluded { get; init; }

        public bool Breached { get; init; }

        public DateTimeOffset SettledAt { get; init; }

        public DateTimeOffset StartedAt { get; init; }

        public DateTimeOffset? StoppedAt { get; init; }

        public long TargetSeconds { get; init; }

        public long? ElapsedSeconds { get; init; }

        public bool Retroactive { get; init; }

        public ClockOutcome ToOutcome() => new(
            Names.Metrics[Metric], Cycle, Breached, Instant.FromDateTimeOffset(SettledAt), Instant.FromDateTimeOffset(StartedAt),
            StoppedAt is { } stopped ? Instant.FromDateTimeOffset(stopped) : null, Duration.FromSeconds(TargetSeconds),
            ElapsedSeconds is { } elapsed ? Duration.FromSeconds(elapsed) : null, Retroactive);
    }
}
