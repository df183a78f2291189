using SlaApi.Domain.Calendars;
using SlaApi.Domain.Policies;

namespace SlaApi.Domain.Incidents;

/// <summary>The policy version and calendar versions an incident was bound to when it opened.</summary>
public sealed class BoundSla(SlaPolicy policy, IReadOnlyDictionary<Guid, BusinessCalendar> calendars)
{
    private readonly Dictionary<int, PriorityTarget> _targets = policy.Targets.ToDictionary(t => t.Priority);

    public SlaPolicy Policy => policy;

    public IReadOnlyDictionary<Guid, BusinessCalendar> Calendars => calendars;

    public PriorityTarget? TargetOf(int priority) => _targets.GetValueOrDefault(priority);

    public Guid CalendarIdOf(PriorityTarget target) => target.CalendarId ?? policy.CalendarId;

    public BusinessCalendar CalendarOf(PriorityTarget target) => Calendar(CalendarIdOf(target));

    public BusinessCalendar Calendar(Guid calendarId) =>
        calendars.TryGetValue(calendarId, out var calendar)
            ? calendar
            : throw new InvalidOperationException($"Calendar {calendarId} of policy {policy.Id} was not bound.");
}
