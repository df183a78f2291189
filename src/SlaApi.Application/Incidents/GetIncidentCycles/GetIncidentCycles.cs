using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents.GetIncidentCycles;

/// <summary>Every cycle of every clock of an incident with its verdict (sla-semantics §3), not only the current ones.</summary>
public sealed record GetIncidentCyclesQuery(Guid IncidentId) : IQuery<IncidentCyclesDto>;

/// <summary>One cycle of one metric as it is judged; durations in seconds of business time.</summary>
/// <param name="Priority">The priority whose target the cycle holds: the one in force while it counted.</param>
/// <param name="State">The verdict: met or breached once stopped or past due; running or paused while it counts.</param>
/// <param name="DueAt">The instant the verdict is judged by: the cycle is met when it stops at or before it; null while paused.</param>
/// <param name="BreachedAt">The due instant, once the clock ran or stopped after it.</param>
/// <param name="Retroactive">Breached before the priority change that gave it its target.</param>
public sealed record ClockCycleDto(
    string Metric,
    int Cycle,
    int Priority,
    string State,
    Guid CalendarId,
    long TargetSeconds,
    DateTimeOffset StartedAt,
    DateTimeOffset? StoppedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? BreachedAt,
    DateTimeOffset? SettledAt,
    long ElapsedSeconds,
    bool Retroactive)
{
    public static ClockCycleDto From(ClockCycle cycle) => new(
        Names.Of(cycle.Metric), cycle.Cycle, cycle.Priority, Names.Of(cycle.State), cycle.CalendarId, cycle.Target.WholeSeconds(),
        cycle.StartedAt.ToDateTimeOffset(), cycle.StoppedAt?.ToDateTimeOffset(), cycle.DueAt?.ToDateTimeOffset(),
        cycle.BreachedAt?.ToDateTimeOffset(), cycle.SettledAt?.ToDateTimeOffset(), cycle.Elapsed.WholeSeconds(), cycle.Retroactive);
}

/// <param name="Cycles">In metric and cycle order; empty for an incident no agreement bound.</param>
public sealed record IncidentCyclesDto(Guid IncidentId, SlaBindingDto Sla, IReadOnlyList<ClockCycleDto> Cycles, DateTimeOffset EvaluatedAt);

public sealed class GetIncidentCyclesHandler(IIncidentRepository incidents, BoundSlaProvider slas, ICallerContext caller, TimeProvider time)
    : IQueryHandler<GetIncidentCyclesQuery, IncidentCyclesDto>
{
    public async ValueTask<IncidentCyclesDto> Handle(GetIncidentCyclesQuery query, CancellationToken ct)
    {
        var incident = await incidents.GetAsync(query.IncidentId, ct);
        if (incident is null || !caller.CanSee(incident.CustomerId))
            throw new NotFoundException("Incident", query.IncidentId);

        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var evaluation = SlaReplay.Evaluate(await slas.GetAsync(incident.Binding, ct), incident.History, now);
        return new IncidentCyclesDto(incident.Id, SlaBindingDto.From(incident), evaluation.Cycles.Select(ClockCycleDto.From).ToArray(), now.ToDateTimeOffset());
    }
}
