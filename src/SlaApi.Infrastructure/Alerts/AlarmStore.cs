using SlaApi.Application.Incidents;
using NodaTime;
using SlaApi.Domain.Alerts;
using SlaApi.Domain.Incidents;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Alerts;

/// <summary>
/// Writes the alarms an incident's clocks plan, in the transaction that stores the clocks: a clock's alarms are replaced
/// whenever the clock's meaning changes, so what is stored is always the plan of the stored clocks. Once the transaction
/// commits, the scheduler is woken if one of them is due.
/// </summary>
public sealed class AlarmStore(SessionQueries db, PreparedCommands prepared, DbSession session, AlertScheduler scheduler, TimeProvider time)
{
    private const string InsertSql = """
        INSERT INTO sla_alarms (alarm_key, incident_id, metric, type, cycle, threshold, occurs_at, due_at, coverage_calendar_id, retroactive)
        VALUES (@AlarmKey, @IncidentId, @Metric, @Type, @Cycle, @Threshold, @OccursAt, @DueAt, @CoverageCalendarId, @Retroactive)
        """;

    private const string DeleteOfMetricSql = "DELETE FROM sla_alarms WHERE incident_id = @IncidentId AND metric = @Metric";

    private const string DeleteOfIncidentSql = "DELETE FROM sla_alarms WHERE incident_id = @IncidentId";

    /// <summary>What an alarm about the incident itself, not one of its clocks, is filed under.</summary>
    public const string IncidentMetric = "incident";

    public async Task AddAsync(Guid incidentId, IEnumerable<PlannedAlarm> alarms, CancellationToken ct)
    {
        foreach (var alarm in alarms)
            await InsertAsync(incidentId, alarm, ct);
    }

    /// <summary>Replaces every alarm of the incident.</summary>
    public async Task ReplaceAllAsync(Guid incidentId, IEnumerable<PlannedAlarm> alarms, CancellationToken ct)
    {
        await db.ExecuteAsync(DeleteOfIncidentSql, new { IncidentId = incidentId }, ct);
        await AddAsync(incidentId, alarms, ct);
    }

    /// <summary>Replaces the alarms of one clock.</summary>
    public async Task ReplaceAsync(Guid incidentId, ClockMetric metric, IEnumerable<PlannedAlarm> alarms, CancellationToken ct)
    {
        await prepared.ExecuteAsync(DeleteOfMetricSql, new MetricRow(incidentId, MetricName(metric)), ct);
        await AddAsync(incidentId, alarms, ct);
    }

    private async Task InsertAsync(Guid incidentId, PlannedAlarm alarm, CancellationToken ct)
    {
        await prepared.ExecuteAsync(InsertSql, AlarmRow.From(incidentId, alarm), ct);
        if (alarm.OccursAt <= Instant.FromDateTimeOffset(time.GetUtcNow()) + AlertScheduler.Lookahead)
            session.AfterCommitOnce(scheduler.Wake);
    }

    public static string MetricName(ClockMetric? metric) => metric is { } clock ? Names.Of(clock) : IncidentMetric;

    private sealed record MetricRow(Guid IncidentId, string Metric);
}

/// <summary>A row of sla_alarms.</summary>
internal sealed class AlarmRow
{
    public string AlarmKey { get; init; } = "";

    public Guid IncidentId { get; init; }

    public string Metric { get; init; } = "";

    public string Type { get; init; } = "";

    public int? Cycle { get; init; }

    public int? Threshold { get; init; }

    public DateTimeOffset OccursAt { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    public Guid? CoverageCalendarId { get; init; }

    public bool Retroactive { get; init; }

    public static AlarmRow From(Guid incidentId, PlannedAlarm alarm) => new()
    {
        AlarmKey = alarm.Key,
        IncidentId = incidentId,
        Metric = AlarmStore.MetricName(alarm.Metric),
        Type = alarm.Type,
        Cycle = alarm.Cycle,
        Threshold = alarm.Threshold,
        OccursAt = alarm.OccursAt.ToDateTimeOffset(),
        DueAt = alarm.DueAt?.ToDateTimeOffset(),
        CoverageCalendarId = alarm.CoverageCalendarId,
        Retroactive = alarm.Retroactive,
    };
}
