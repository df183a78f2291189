using NodaTime;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents;

/// <summary>A clock as stored at the incident's last change, with its state and risk taken at the time of the request.</summary>
public sealed record ClockSummaryDto(
    string Metric, string State, long TargetSeconds, long RemainingSeconds, DateTimeOffset? DueAt, DateTimeOffset? BreachedAt, bool AtRisk, bool Retroactive)
{
    public static ClockSummaryDto From(StoredClock clock, Instant now)
    {
        var state = clock.StateAt(now);
        return new ClockSummaryDto(
            Names.Of(clock.Metric), Names.Of(state), clock.TargetSeconds,
            state == Domain.Incidents.ClockState.Running && clock.DueAt is { } due ? Math.Max(0, (long)(due - now).TotalSeconds) : clock.RemainingSeconds,
            clock.DueAt?.ToDateTimeOffset(), (clock.BreachedAt ?? (state == Domain.Incidents.ClockState.Breached ? clock.DueAt : null))?.ToDateTimeOffset(),
            clock.AtRiskAt(now), clock.Retroactive);
    }
}

public sealed record IncidentSummaryDto(
    Guid Id, string Source, string ExternalId, Guid CustomerId, string Title, int Priority, string? Status,
    DateTimeOffset OpenedAt, bool Excluded, bool Resolved, IReadOnlyList<ClockSummaryDto> Clocks)
{
    public static IncidentSummaryDto From(IncidentSummary incident, Instant now) => new(
        incident.Id, incident.Source, incident.ExternalId, incident.CustomerId, incident.Title, incident.Priority, incident.Status,
        incident.OpenedAt.ToDateTimeOffset(), incident.Excluded, incident.FinalResolvedAt is not null,
        incident.Clocks.Select(c => ClockSummaryDto.From(c, now)).ToArray());
}
