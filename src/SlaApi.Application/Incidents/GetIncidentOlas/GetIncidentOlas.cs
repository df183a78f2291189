using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Calendars;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Teams;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Teams;

namespace SlaApi.Application.Incidents.GetIncidentOlas;

/// <summary>The OLA clocks of each assignment of an incident to a team (docs/sla-semantics.md §9).</summary>
public sealed record GetIncidentOlasQuery(Guid IncidentId) : IQuery<IncidentOlasDto>;

/// <summary>One OLA clock of one assignment; durations in seconds of the team calendar's business time.</summary>
/// <param name="Priority">The priority whose OLA target the clock holds.</param>
/// <param name="State">met or breached once stopped or past due; running or paused while it counts.</param>
public sealed record OlaClockDto(
    int Priority, string State, Guid CalendarId, long TargetSeconds, DateTimeOffset StartedAt, DateTimeOffset? StoppedAt, DateTimeOffset? DueAt,
    DateTimeOffset? BreachedAt, long ElapsedSeconds, bool Retroactive)
{
    public static OlaClockDto? From(ClockVerdict? verdict) => verdict is not { } v ? null : new(
        v.Priority, Names.Of(v.State), v.CalendarId, v.Target.WholeSeconds(), v.StartedAt.ToDateTimeOffset(), v.StoppedAt?.ToDateTimeOffset(),
        v.DueAt?.ToDateTimeOffset(), v.BreachedAt?.ToDateTimeOffset(), v.Elapsed.WholeSeconds(), v.Retroactive);
}

/// <param name="Assignment">1 for the incident's first assignment.</param>
/// <param name="TeamVersion">The version of the team in force when it was assigned, whose OLA holds.</param>
/// <param name="UnderpinningContract">True for an outside vendor's team: its OLA is the underpinning contract with that vendor.</param>
/// <param name="EndedAt">The handover to another team or the resolution; null while the team holds the incident.</param>
/// <param name="Acknowledge">Null where the team's OLA sets no target for the priority.</param>
public sealed record OlaAssignmentDto(
    int Assignment, Guid TeamId, int TeamVersion, string TeamName, string? Vendor, bool UnderpinningContract, DateTimeOffset AssignedAt,
    DateTimeOffset? EndedAt, OlaClockDto? Acknowledge, OlaClockDto? Resolve)
{
    public static OlaAssignmentDto From(OlaClock clock) => new(
        clock.Assignment.Number, clock.Team.Id, clock.Team.Version, clock.Team.Name, clock.Team.Vendor, clock.Team.Vendor is not null,
        clock.Assignment.AssignedAt.ToDateTimeOffset(), clock.Assignment.EndedAt?.ToDateTimeOffset(),
        OlaClockDto.From(clock.Acknowledge), OlaClockDto.From(clock.Resolve));
}

public sealed record IncidentOlasDto(Guid IncidentId, IReadOnlyList<OlaAssignmentDto> Assignments, DateTimeOffset EvaluatedAt);

public sealed class GetIncidentOlasHandler(
    IIncidentRepository incidents, BoundSlaProvider slas, ITeamRepository teams, ICalendarRepository calendars, CalendarVersionCache calendarCache,
    ICallerContext caller, TimeProvider time)
    : IQueryHandler<GetIncidentOlasQuery, IncidentOlasDto>
{
    public async ValueTask<IncidentOlasDto> Handle(GetIncidentOlasQuery query, CancellationToken ct)
    {
        var incident = await incidents.GetAsync(query.IncidentId, ct);
        if (incident is null || !caller.CanSee(incident.CustomerId))
            throw new NotFoundException("Incident", query.IncidentId);

        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var assigned = new List<AssignedTeam>();
        foreach (var assignment in SlaReplay.Assignments(incident.History, now))
            assigned.Add(await InForceAsync(assignment, ct));
        var clocks = SlaReplay.EvaluateOlas(await slas.GetAsync(incident.Binding, ct), incident.History, assigned, now);
        return new IncidentOlasDto(incident.Id, clocks.Select(OlaAssignmentDto.From).ToArray(), now.ToDateTimeOffset());
    }

    private async Task<AssignedTeam> InForceAsync(OlaAssignment assignment, CancellationToken ct)
    {
        var at = assignment.AssignedAt.ToDateTimeOffset();
        var team = await teams.GetInForceAsync(assignment.TeamId, at, ct)
            ?? throw new InvalidOperationException($"Team {assignment.TeamId} of an assignment is missing.");
        var calendar = await calendars.GetInForceAsync(team.CalendarId, at, ct)
            ?? throw new InvalidOperationException($"Calendar {team.CalendarId} of team {team.Id} is missing.");
        return new AssignedTeam(team, calendarCache.Intern(calendar).ToBusinessCalendar());
    }
}
