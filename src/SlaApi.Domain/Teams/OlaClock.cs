using NodaTime;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Incidents;

namespace SlaApi.Domain.Teams;

/// <summary>One team's hold on an incident (docs/sla-semantics.md §9): from its assignment to the handover to another team or the resolution.</summary>
/// <param name="Number">1 for the first assignment of the incident.</param>
/// <param name="EndedAt">Null while the team still holds the incident.</param>
public sealed record OlaAssignment(int Number, Guid TeamId, Instant AssignedAt, Instant? EndedAt);

/// <summary>The team version in force at an assignment, and its calendar's version in force then.</summary>
public sealed record AssignedTeam(Team Team, BusinessCalendar Calendar);

/// <summary>The OLA clocks of one assignment; a clock is null where the team's OLA sets no target for the priority.</summary>
public sealed record OlaClock(OlaAssignment Assignment, Team Team, ClockVerdict? Acknowledge, ClockVerdict? Resolve);
