using NodaTime;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents;

public sealed record CalendarVersionDto(Guid Id, int Version);

/// <summary>Which definitions the incident's clocks follow; <see cref="Bound"/> is false, with a reason, when no agreement covered it.</summary>
/// <param name="ResponseTier">The policy's priced tier whose targets the clocks follow, when the agreement chose one.</param>
public sealed record SlaBindingDto(
    bool Bound, string? Reason, Guid? AgreementId, int? AgreementVersion, Guid? PolicyId, int? PolicyVersion,
    IReadOnlyList<CalendarVersionDto> Calendars,
    string? ResponseTier)
{
    public static SlaBindingDto From(Incident incident) => incident.Binding is { } b
        ? Of(b)
        : new SlaBindingDto(false, incident.UnboundReason, null, null, null, null, [], null);

    public static SlaBindingDto Of(IncidentBinding b) =>
        new(true, null, b.AgreementId, b.AgreementVersion, b.PolicyId, b.PolicyVersion,
            b.CalendarVersions.OrderBy(c => c.Key).Select(c => new CalendarVersionDto(c.Key, c.Value)).ToArray(), b.ResponseTier);
}

/// <summary>One clock evaluated at the time of the request; durations in seconds of business time.</summary>
public sealed record ClockDto(
    string Metric,
    int Cycle,
    string State,
    Guid CalendarId,
    DateTimeOffset StartedAt,
    DateTimeOffset? StoppedAt,
    long TargetSeconds,
    long ElapsedSeconds,
    long RemainingSeconds,
    double PercentElapsed,
    DateTimeOffset? DueAt,
    DateTimeOffset? BreachedAt,
    DateTimeOffset? SettledAt,
    bool AtRisk,
    IReadOnlyList<int> ThresholdsCrossed,
    bool Retroactive)
{
    public static ClockDto From(SlaClock clock) => new(
        Names.Of(clock.Metric), clock.Cycle, Names.Of(clock.State), clock.CalendarId,
        clock.StartedAt.ToDateTimeOffset(), clock.StoppedAt?.ToDateTimeOffset(),
        clock.Target.WholeSeconds(), clock.Elapsed.WholeSeconds(), clock.Remaining.WholeSeconds(), Math.Round(clock.PercentElapsed, 2),
        clock.DueAt?.ToDateTimeOffset(), clock.BreachedAt?.ToDateTimeOffset(), clock.SettledAt?.ToDateTimeOffset(),
        clock.AtRisk, clock.ThresholdsCrossed, clock.Retroactive);
}

public sealed record IncidentDto(
    Guid Id,
    string Source,
    string ExternalId,
    Guid CustomerId,
    string Title,
    int Priority,
    string? Status,
    string? ServiceCode,
    DateTimeOffset OpenedAt,
    bool Excluded,
    string? ExclusionReason,
    DateTimeOffset? FirstResolvedAt,
    DateTimeOffset? FinalResolvedAt,
    SlaBindingDto Sla,
    IReadOnlyList<ClockDto> Clocks,
    DateTimeOffset EvaluatedAt)
{
    public static IncidentDto From(Incident incident, SlaEvaluation evaluation, Instant evaluatedAt) => new(
        incident.Id, incident.Source, incident.ExternalId, incident.CustomerId, incident.Title,
        evaluation.Priority, evaluation.Status, incident.ServiceCode, incident.OpenedAt.ToDateTimeOffset(),
        evaluation.Excluded, evaluation.ExclusionReason, evaluation.FirstResolvedAt?.ToDateTimeOffset(), evaluation.FinalResolvedAt?.ToDateTimeOffset(),
        SlaBindingDto.From(incident), evaluation.Clocks.Select(ClockDto.From).ToArray(), evaluatedAt.ToDateTimeOffset());
}

/// <summary>The wire names of metrics, states and event types: lower-case words joined by '-'.</summary>
public static class Names
{
    public static string Of(ClockMetric metric) => WireName.Of(metric);

    public static string Of(ClockState state) => WireName.Of(state);

    public static string Of(IncidentEventType type) => WireName.Of(type);

    public static readonly IReadOnlyDictionary<string, IncidentEventType> EventTypes =
        Enum.GetValues<IncidentEventType>().ToDictionary(Of);

    public static readonly IReadOnlyDictionary<string, ClockState> States = Enum.GetValues<ClockState>().ToDictionary(Of);

    public static readonly IReadOnlyDictionary<string, ClockMetric> Metrics = Enum.GetValues<ClockMetric>().ToDictionary(Of);
}
