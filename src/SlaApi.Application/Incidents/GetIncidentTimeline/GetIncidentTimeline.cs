using Mediator;
using NodaTime;
using SlaApi.Domain.Common;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents.GetIncidentTimeline;

/// <summary>The evidence behind each clock: what counted, what did not and why, and the events that decided it.</summary>
public sealed record GetIncidentTimelineQuery(Guid IncidentId) : IQuery<IncidentTimelineDto>;

/// <param name="Reason">For a pause, the reason given with the status change that began it.</param>
public sealed record TimelineSegmentDto(DateTimeOffset From, DateTimeOffset To, string Kind, string? Status, string? Reason, long BusinessSeconds);

/// <param name="Truncated">The clock ran for more than a year; its segments cover the first 366 days.</param>
public sealed record ClockTimelineDto(
    string Metric, int Cycle, string State, Guid CalendarId, int CalendarVersion, long ElapsedSeconds, IReadOnlyList<TimelineSegmentDto> Segments,
    bool Truncated);

/// <param name="Team">The team an assigned event handed the incident to.</param>
/// <param name="PolicyVersion">The version of the policy whose rules were applied to the event.</param>
public sealed record TimelineEventDto(
    string EventId, string Type, DateTimeOffset OccurredAt, long Sequence, string? Status, int? Priority, string? Reason, Guid? Team, Guid? PolicyId,
    int? PolicyVersion);

public sealed record IncidentTimelineDto(
    Guid IncidentId, SlaBindingDto Sla, IReadOnlyList<ClockTimelineDto> Clocks, IReadOnlyList<TimelineEventDto> Events, DateTimeOffset EvaluatedAt);

public sealed class GetIncidentTimelineHandler(IIncidentRepository incidents, BoundSlaProvider slas, ICallerContext caller, TimeProvider time)
    : IQueryHandler<GetIncidentTimelineQuery, IncidentTimelineDto>
{
    public async ValueTask<IncidentTimelineDto> Handle(GetIncidentTimelineQuery query, CancellationToken ct)
    {
        var incident = await incidents.GetAsync(query.IncidentId, ct);
        if (incident is null || !caller.CanSee(incident.CustomerId))
            throw new NotFoundException("Incident", query.IncidentId);

        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var sla = await slas.GetAsync(incident.Binding, ct);
        var clocks = sla is null ? [] : SlaReplay.Evaluate(sla, incident.History, now).Clocks.Select(clock => new ClockTimelineDto(
            Names.Of(clock.Metric), clock.Cycle, Names.Of(clock.State), clock.CalendarId, incident.Binding!.CalendarVersions[clock.CalendarId],
            clock.Elapsed.WholeSeconds(),
            ClockTimeline.Of(clock, sla.Calendar(clock.CalendarId), now).Select(s => new TimelineSegmentDto(
                s.From.ToDateTimeOffset(), s.To.ToDateTimeOffset(), KindName(s.Kind), s.Status, s.Reason, s.BusinessTime.WholeSeconds())).ToArray(),
            ClockTimeline.IsTruncated(clock, now))).ToArray();
        var events = incident.Events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Sequence).Select(e => new TimelineEventDto(
            e.EventId, Names.Of(e.Type), e.OccurredAt.ToDateTimeOffset(), e.Sequence, e.Status, e.Priority, e.Reason, e.TeamId,
            incident.Binding?.PolicyId, incident.Binding?.PolicyVersion)).ToArray();
        return new IncidentTimelineDto(incident.Id, SlaBindingDto.From(incident), clocks, events, now.ToDateTimeOffset());
    }

    private static string KindName(SegmentKind kind) => kind switch
    {
        SegmentKind.OutsideHours => "outside-hours",
        SegmentKind.ResolvedGap => "resolved-gap",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
