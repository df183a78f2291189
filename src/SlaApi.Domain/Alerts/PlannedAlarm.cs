using NodaTime;
using SlaApi.Domain.Incidents;

namespace SlaApi.Domain.Alerts;

/// <summary>
/// An alert an incident's clocks raise at <see cref="OccursAt"/>. Its <see cref="Key"/> names what it reports (a clock
/// cycle and a threshold, a breach, an opening without agreement), so however often it is planned it fires once.
/// </summary>
/// <param name="Metric">Null for an alert about the incident rather than one of its clocks.</param>
/// <param name="Threshold">The percent of the target, for a threshold alert.</param>
/// <param name="DueAt">When the clock is due, for a clock alert that knows it.</param>
/// <param name="CoverageCalendarId">The policy's own calendar, whose open hours a subscription may wait for.</param>
/// <param name="Retroactive">A breach that a priority change placed in the past, so notification storms can be muted.</param>
public sealed record PlannedAlarm(
    string Key, string Type, ClockMetric? Metric, int? Cycle, int? Threshold, Instant OccursAt, Instant? DueAt, Guid? CoverageCalendarId,
    bool Retroactive = false);
