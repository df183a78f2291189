using NodaTime;
using SlaApi.Application.Common.Telemetry;
using SlaApi.Application.Incidents;
using SlaApi.Domain.Alerts;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;
using SlaApi.Infrastructure.Alerts;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Incidents;

/// <summary>
/// Keeps what the incidents' replays give beside their events, in the writer's transaction: the current clocks
/// (incident_clocks, which lists and the queue read), every cycle's outcome (clock_outcomes) and the monthly counts
/// reports read, and the alarms the clocks plan (<see cref="AlarmStore"/>). Only what changed is written. Counts are applied as deltas, gathered until <see cref="FlushAsync"/>:
/// an outcome that changed is taken out of its month and the new one added, so the counts always equal a count of the rows.
/// </summary>
public sealed class ClockProjection(SessionQueries db, PreparedCommands prepared, DbSession session, AlarmStore alarms, SlaApiMetrics metrics)
{
    private const string DeleteClocksSql = "DELETE FROM incident_clocks WHERE incident_id = @Id";

    private const string DeleteClockSql = "DELETE FROM incident_clocks WHERE incident_id = @IncidentId AND metric = @Metric";

    private const string UpdateClockSql = """
        UPDATE incident_clocks SET cycle = @Cycle, state = @State, calendar_id = @CalendarId, started_at = @StartedAt,
            stopped_at = @StoppedAt, target_seconds = @TargetSeconds, elapsed_seconds = @ElapsedSeconds,
            remaining_seconds = @RemainingSeconds, due_at = @DueAt, warning_at = @WarningAt, breached_at = @BreachedAt,
            settled_at = @SettledAt, retroactive = @Retroactive, evaluated_at = @EvaluatedAt
        WHERE incident_id = @IncidentId AND metric = @Metric
        """;

    private const string InsertClockSql = """
        INSERT INTO incident_clocks (incident_id, metric, cycle, state, calendar_id, started_at, stopped_at, target_seconds,
            elapsed_seconds, remaining_seconds, due_at, warning_at, breached_at, settled_at, retroactive, evaluated_at)
        VALUES (@IncidentId, @Metric, @Cycle, @State, @CalendarId, @StartedAt, @StoppedAt, @TargetSeconds,
            @ElapsedSeconds, @RemainingSeconds, @DueAt, @WarningAt, @BreachedAt, @SettledAt, @Retroactive, @EvaluatedAt)
        """;

    private const string OutcomeColumns = """
        incident_id, metric, cycle, customer_id, agreement_id, agreement_version, policy_id, policy_version, priority,
        service_code, excluded, breached, settled_at, started_at, stopped_at, target_seconds, elapsed_seconds, retroactive,
        paused_by_reason
        """;

    private const string InsertOutcomeSql = """
        INSERT INTO clock_outcomes (incident_id, metric, cycle, customer_id, agreement_id, agreement_version, policy_id, policy_version, priority,
            service_code, excluded, breached, settled_at, started_at, stopped_at, target_seconds, elapsed_seconds, retroactive,
            paused_by_reason)
        VALUES (@IncidentId, @Metric, @Cycle, @CustomerId, @AgreementId, @AgreementVersion, @PolicyId, @PolicyVersion, @Priority,
            @ServiceCode, @Excluded, @Breached, @SettledAt, @StartedAt, @StoppedAt, @TargetSeconds, @ElapsedSeconds, @Retroactive,
            @PausedByReason)
        """;

    private const string UpdateOutcomeSql = """
        UPDATE clock_outcomes SET priority = @Priority, excluded = @Excluded, breached = @Breached, settled_at = @SettledAt,
            started_at = @StartedAt, stopped_at = @StoppedAt, target_seconds = @TargetSeconds, elapsed_seconds = @ElapsedSeconds,
            retroactive = @Retroactive, paused_by_reason = @PausedByReason
        WHERE incident_id = @IncidentId AND metric = @Metric AND cycle = @Cycle
        """;

    private const string DeleteOutcomesSql = "DELETE FROM clock_outcomes WHERE incident_id = @Id";

    private const string DeleteOutcomeSql = "DELETE FROM clock_outcomes WHERE incident_id = @IncidentId AND metric = @Metric AND cycle = @Cycle";

    private const string OutcomesOfIncidentSql = $"SELECT {OutcomeColumns} FROM clock_outcomes WHERE incident_id = @Id";

    internal static readonly string[] MonthKeys =
        ["month", "customer_id", "agreement_id", "agreement_version", "policy_id", "policy_version", "priority", "metric", "service_code"];

    internal static readonly string[] MonthCounters = ["met_count", "breached_count", "excluded_count"];

    private readonly Dictionary<MonthKey, MonthCounts> _deltas = [];
    private int _lateStops;
    private readonly string _addToMonthsSql = db.Dialect.AddToCountersSql("clock_outcome_months", MonthKeys, MonthCounters);

    /// <summary>The clocks, outcomes and alarms of a new incident.</summary>
    public async Task AddAsync(Incident incident, SlaEvaluation evaluation, Instant evaluatedAt, IEnumerable<PlannedAlarm> planned, CancellationToken ct)
    {
        await InsertClocksAsync(incident.Id, evaluation, evaluatedAt, ct);
        await alarms.AddAsync(incident.Id, planned, ct);
        if (incident.Binding is { } binding)
            await WriteOutcomesAsync(incident, binding, StoredState.Of(evaluation), null, ct);
    }

    /// <summary>
    /// Replaces every clock, outcome and alarm of an incident bound anew or replayed under newer rules: the outcomes stored
    /// before leave the monthly counts they were in, and those of the new replay join theirs. Answers the outcomes stored before.
    /// </summary>
    public async Task<IReadOnlyList<ClockOutcome>> RebindAsync(
        Incident incident, SlaEvaluation evaluation, Instant evaluatedAt, IEnumerable<PlannedAlarm> planned, CancellationToken ct)
    {
        var stored = await db.QueryAsync<OutcomeRow>(OutcomesOfIncidentSql, new { incident.Id }, ct);
        foreach (var previous in stored)
            Count(previous, -1);
        await db.ExecuteAsync(DeleteOutcomesSql, new { incident.Id }, ct);
        await db.ExecuteAsync(DeleteClocksSql, new { incident.Id }, ct);
        await InsertClocksAsync(incident.Id, evaluation, evaluatedAt, ct);
        await alarms.ReplaceAllAsync(incident.Id, evaluation.Excluded ? [] : planned, ct);
        await WriteOutcomesAsync(incident, incident.Binding!, StoredState.Of(evaluation), null, ct);
        return stored.Select(o => o.ToOutcome()).ToArray();
    }

    /// <summary>Replaces what an incident's earlier replay stored by what <paramref name="change"/> gives.</summary>
    public async Task ReplaceAsync(IncidentChange change, CancellationToken ct)
    {
        if (change.Stored is null)
        {
            await db.ExecuteAsync(DeleteClocksSql, new { change.Incident.Id }, ct);
            await InsertClocksAsync(change.Incident.Id, change.Evaluation, change.EvaluatedAt, ct);
            await alarms.ReplaceAllAsync(change.Incident.Id,
                change.Sla is null ? [] : AlarmPlanner.Plan(change.Incident.Id, change.Sla, change.Evaluation), ct);
        }
        else
        {
            await WriteChangedClocksAsync(change, change.Stored.Clocks, ct);
        }
        if (change.Incident.Binding is not { } binding)
            return;
        var stored = change.Stored ?? await ReadOutcomesAsync(change.Incident.Id, ct);
        await WriteOutcomesAsync(change.Incident, binding, change.State, stored, ct);
    }

    /// <summary>
    /// Writes only the clocks whose stored meaning changed. Elapsed and remaining time of a running clock follow
    /// from its due instant, so a clock that still has the same instants is left as stored. A clock's alarms are
    /// planned again when its meaning or its pauses changed, or the incident's exclusion did.
    /// </summary>
    private async Task WriteChangedClocksAsync(IncidentChange change, IReadOnlyList<SlaClock> stored, CancellationToken ct)
    {
        var before = stored.ToDictionary(c => c.Metric);
        var exclusionChanged = change.Stored!.Excluded != change.State.Excluded;
        foreach (var clock in change.Evaluation.Clocks)
        {
            var row = ClockRow.From(change.Incident.Id, clock, change.EvaluatedAt);
            var isNew = !before.Remove(clock.Metric, out var previous);
            var sameMeaning = !isNew && SameMeaning(previous!, clock);
            if (isNew)
                await prepared.ExecuteAsync(InsertClockSql, row, ct);
            else if (!sameMeaning)
                await prepared.ExecuteAsync(UpdateClockSql, row, ct);
            if (isNew || !sameMeaning || exclusionChanged || !previous!.Pauses.SequenceEqual(clock.Pauses))
                await alarms.ReplaceAsync(change.Incident.Id, clock.Metric, PlanOf(change, clock), ct);
        }
        foreach (var removed in before.Keys)
        {
            await db.ExecuteAsync(DeleteClockSql, new { IncidentId = change.Incident.Id, Metric = Names.Of(removed) }, ct);
            await alarms.ReplaceAsync(change.Incident.Id, removed, [], ct);
        }
    }

    private static IEnumerable<PlannedAlarm> PlanOf(IncidentChange change, SlaClock clock) =>
        change.Sla is null || change.State.Excluded ? [] : AlarmPlanner.PlanClock(change.Incident.Id, change.Sla, clock);

    private static bool SameMeaning(SlaClock a, SlaClock b) =>
        a.Cycle == b.Cycle && a.State == b.State && a.CalendarId == b.CalendarId && a.StartedAt == b.StartedAt &&
        a.StoppedAt == b.StoppedAt && a.Target == b.Target && a.DueAt == b.DueAt && a.WarningAt == b.WarningAt &&
        a.BreachedAt == b.BreachedAt && a.SettledAt == b.SettledAt && a.Retroactive == b.Retroactive &&
        (a.State == ClockState.Running || a.Remaining.WholeSeconds() == b.Remaining.WholeSeconds());

    private async Task InsertClocksAsync(Guid incidentId, SlaEvaluation evaluation, Instant evaluatedAt, CancellationToken ct)
    {
        foreach (var clock in evaluation.Clocks)
            await prepared.ExecuteAsync(InsertClockSql, ClockRow.From(incidentId, clock, evaluatedAt), ct);
    }

    private async Task<StoredState?> ReadOutcomesAsync(Guid incidentId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<OutcomeRow>(OutcomesOfIncidentSql, new { Id = incidentId }, ct);
        return rows.Count == 0 ? null : new StoredState([], rows.Select(r => r.ToOutcome()).ToArray(), rows[0].Excluded);
    }

    /// <summary>Rows are built only for the outcomes that changed: most events change one or two of an incident's cycles.</summary>
    private async Task WriteOutcomesAsync(Incident incident, IncidentBinding binding, StoredState state, StoredState? stored, CancellationToken ct)
    {
        var before = stored?.Outcomes.ToDictionary(o => (o.Metric, o.Cycle)) ?? [];
        var sameDimensions = stored is not null && stored.Excluded == state.Excluded;
        foreach (var outcome in state.Outcomes)
        {
            var isNew = !before.Remove((outcome.Metric, outcome.Cycle), out var previous);
            if (!isNew && sameDimensions && previous == outcome)
                continue;
            var row = Row(incident, binding, state, outcome);
            await prepared.ExecuteAsync(isNew ? InsertOutcomeSql : UpdateOutcomeSql, row, ct);
            if (IsLateStop(outcome) && (isNew || !IsLateStop(previous!)))
                _lateStops++;
            if (!isNew)
                Count(Row(incident, binding, stored!, previous!), -1);
            Count(row, +1);
        }
        foreach (var removed in before.Values)
        {
            var row = Row(incident, binding, stored!, removed);
            await prepared.ExecuteAsync(DeleteOutcomeSql, row, ct);
            Count(row, -1);
        }
    }

    /// <summary>Writes the month counts gathered since the last flush; the late stops seen are counted once they commit.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        foreach (var (key, counts) in _deltas)
        {
            if (counts != default)
                await prepared.ExecuteAsync(_addToMonthsSql, new MonthRow(key, counts), ct);
        }
        _deltas.Clear();
        var lateStops = _lateStops;
        _lateStops = 0;
        if (lateStops > 0)
            session.AfterCommit(() => metrics.ClocksBreached(lateStops));
    }

    private static bool IsLateStop(ClockOutcome outcome) => outcome.Breached && outcome.StoppedAt is not null;

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

    private static DateTimeOffset? Utc(Instant? instant) => instant?.ToDateTimeOffset();

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
            Priority = o.Priority,
            ServiceCode = incident.ServiceCode ?? "",
            Excluded = state.Excluded,
            Breached = o.Breached,
            SettledAt = o.SettledAt.ToDateTimeOffset(),
            StartedAt = o.StartedAt.ToDateTimeOffset(),
            StoppedAt = o.StoppedAt?.ToDateTimeOffset(),
            TargetSeconds = o.Target.WholeSeconds(),
            ElapsedSeconds = o.Elapsed?.WholeSeconds(),
            Retroactive = o.Retroactive,
            PausedByReason = o.Paused is { } paused ? PauseColumn.Write(paused) : null,
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

    private sealed class ClockRow
    {
        public Guid IncidentId { get; init; }

        public string Metric { get; init; } = "";

        public int Cycle { get; init; }

        public string State { get; init; } = "";

        public Guid CalendarId { get; init; }

        public DateTimeOffset StartedAt { get; init; }

        public DateTimeOffset? StoppedAt { get; init; }

        public long TargetSeconds { get; init; }

        public long ElapsedSeconds { get; init; }

        public long RemainingSeconds { get; init; }

        public DateTimeOffset? DueAt { get; init; }

        public DateTimeOffset? WarningAt { get; init; }

        public DateTimeOffset? BreachedAt { get; init; }

        public DateTimeOffset? SettledAt { get; init; }

        public bool Retroactive { get; init; }

        public DateTimeOffset EvaluatedAt { get; init; }

        public static ClockRow From(Guid incidentId, SlaClock clock, Instant evaluatedAt) => new()
        {
            IncidentId = incidentId,
            Metric = Names.Of(clock.Metric),
            Cycle = clock.Cycle,
            State = Names.Of(clock.State),
            CalendarId = clock.CalendarId,
            StartedAt = clock.StartedAt.ToDateTimeOffset(),
            StoppedAt = Utc(clock.StoppedAt),
            TargetSeconds = clock.Target.WholeSeconds(),
            ElapsedSeconds = clock.Elapsed.WholeSeconds(),
            RemainingSeconds = clock.Remaining.WholeSeconds(),
            DueAt = Utc(clock.DueAt),
            WarningAt = Utc(clock.WarningAt),
            BreachedAt = Utc(clock.BreachedAt),
            SettledAt = Utc(clock.SettledAt),
            Retroactive = clock.Retroactive,
            EvaluatedAt = evaluatedAt.ToDateTimeOffset(),
        };
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

        public string? PausedByReason { get; init; }

        public ClockOutcome ToOutcome() => new(
            Names.Metrics[Metric], Cycle, Breached, Instant.FromDateTimeOffset(SettledAt), Instant.FromDateTimeOffset(StartedAt),
            StoppedAt is { } stopped ? Instant.FromDateTimeOffset(stopped) : null, Duration.FromSeconds(TargetSeconds),
            ElapsedSeconds is { } elapsed ? Duration.FromSeconds(elapsed) : null, Retroactive, Priority,
            PausedByReason is { } paused ? PauseColumn.Read(paused) : null);
    }
}
