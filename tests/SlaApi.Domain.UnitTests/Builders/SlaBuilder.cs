using NodaTime;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Policies;

namespace SlaApi.Domain.UnitTests.Builders;

/// <summary>
/// A bound policy for replay tests. By default every target counts on 24x7 so that elapsed time is plain
/// arithmetic: P1 responds in 60 min, resolves in 240, updates every 120; P3 responds in 240, resolves in 960.
/// </summary>
public sealed class SlaBuilder
{
    public static readonly Guid OfficeHoursId = Guid.Parse("11111111-0000-0000-0000-000000000001");

    private readonly List<PriorityTarget> _targets =
    [
        new(1, 60, 240, 120, null),
        new(3, 240, 960, null, null),
    ];
    private bool _pauseResponse;
    private Guid _calendarId = Calendar.TwentyFourSevenId;
    private int _reopenWindowMinutes = 24 * 60;
    private int? _maxPauseMinutes;

    public SlaBuilder PausingResponse()
    {
        _pauseResponse = true;
        return this;
    }

    public SlaBuilder OnOfficeHoursNewYork()
    {
        _calendarId = OfficeHoursId;
        return this;
    }

    public SlaBuilder WithTarget(
        int priority, int response, int resolution, int? update = null, Guid? calendarId = null, int? plan = null, int? nextReply = null)
    {
        _targets.RemoveAll(t => t.Priority == priority);
        _targets.Add(new PriorityTarget(priority, response, resolution, update, calendarId, plan, nextReply));
        return this;
    }

    public SlaBuilder WithPausesCappedAt(int minutes)
    {
        _maxPauseMinutes = minutes;
        return this;
    }

    public SlaBuilder WithReopenWindow(int minutes)
    {
        _reopenWindowMinutes = minutes;
        return this;
    }

    public BoundSla Build()
    {
        var policy = SlaPolicy.Define(
            new SlaPolicyTerms("Test", _calendarId, _targets, ["waiting-customer"], _pauseResponse, [50, 75, 90], _reopenWindowMinutes,
                MaxPauseMinutes: _maxPauseMinutes),
            DateTimeOffset.UnixEpoch);
        return new BoundSla(policy, new Dictionary<Guid, BusinessCalendar>
        {
            [Calendar.TwentyFourSevenId] = BusinessCalendar.TwentyFourSeven,
            [OfficeHoursId] = CalendarBuilder.OfficeHoursNewYork(),
        });
    }
}

/// <summary>An incident's history written as minutes after it opened.</summary>
public sealed class HistoryBuilder(Instant openedAt, int priority = 1, string? status = "new")
{
    private readonly List<IncidentEvent> _events = [];

    public Instant OpenedAt => openedAt;

    public Instant At(int minutes) => openedAt + Duration.FromMinutes(minutes);

    public HistoryBuilder Add(int minutes, IncidentEventType type, string? status = null, int? priority = null, string? reason = null)
    {
        _events.Add(new IncidentEvent($"e{_events.Count + 1}", type, At(minutes), _events.Count + 1, status, priority, reason));
        return this;
    }

    public HistoryBuilder Status(int minutes, string status) => Add(minutes, IncidentEventType.StatusChanged, status: status);

    public HistoryBuilder Assign(int minutes, Guid teamId)
    {
        _events.Add(new IncidentEvent($"e{_events.Count + 1}", IncidentEventType.Assigned, At(minutes), _events.Count + 1, TeamId: teamId));
        return this;
    }

    public IncidentHistory Build() => new(openedAt, priority, status, _events.ToArray());

    public SlaEvaluation EvaluateAt(BoundSla sla, int minutes) => SlaReplay.Evaluate(sla, Build(), At(minutes));
}
