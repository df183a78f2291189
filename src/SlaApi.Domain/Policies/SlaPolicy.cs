using SlaApi.Domain.Common;

namespace SlaApi.Domain.Policies;

/// <summary>One immutable version of an SLA policy (sla-semantics §3, §4).</summary>
public sealed class SlaPolicy
{
    public const int NameMaxLength = 200;
    public const int DefaultReopenWindowMinutes = 7 * 24 * 60;
    public static readonly IReadOnlyList<int> DefaultWarningThresholds = [75];

    private SlaPolicy(
        Guid id, int version, string name, Guid calendarId, IReadOnlyList<PriorityTarget> targets,
        IReadOnlyList<string> pauseStatuses, bool pauseResponse, IReadOnlyList<int> warningThresholds,
        int reopenWindowMinutes, DateTimeOffset versionEffectiveFrom)
    {
        Id = id;
        Version = version;
        Name = name;
        CalendarId = calendarId;
        Targets = targets;
        PauseStatuses = pauseStatuses;
        PauseResponse = pauseResponse;
        WarningThresholds = warningThresholds;
        ReopenWindowMinutes = reopenWindowMinutes;
        VersionEffectiveFrom = versionEffectiveFrom;
    }

    public Guid Id { get; }

    public int Version { get; }

    public string Name { get; }

    public Guid CalendarId { get; }

    public IReadOnlyList<PriorityTarget> Targets { get; }

    public IReadOnlyList<string> PauseStatuses { get; }

    public bool PauseResponse { get; }

    public IReadOnlyList<int> WarningThresholds { get; }

    public int ReopenWindowMinutes { get; }

    public DateTimeOffset VersionEffectiveFrom { get; }

    /// <summary>Every calendar the policy names: its own and those of its targets.</summary>
    public IEnumerable<Guid> ReferencedCalendarIds =>
        Targets.Where(t => t.CalendarId.HasValue).Select(t => t.CalendarId!.Value).Prepend(CalendarId).Distinct();

    public static SlaPolicy Define(SlaPolicyTerms terms, DateTimeOffset now) =>
        Create(Guid.CreateVersion7(now), 1, terms, now);

    public static SlaPolicy Rehydrate(Guid id, int version, SlaPolicyTerms terms, DateTimeOffset versionEffectiveFrom) =>
        new(id, version, terms.Name, terms.CalendarId, terms.Targets, terms.PauseStatuses, terms.PauseResponse,
            terms.WarningThresholds, terms.ReopenWindowMinutes, versionEffectiveFrom);

    public SlaPolicy Revise(SlaPolicyTerms terms, DateTimeOffset now) => Create(Id, Version + 1, terms, now);

    public SlaPolicyTerms Terms =>
        new(Name, CalendarId, Targets, PauseStatuses, PauseResponse, WarningThresholds, ReopenWindowMinutes);

    private static SlaPolicy Create(Guid id, int version, SlaPolicyTerms terms, DateTimeOffset now)
    {
        var targets = terms.Targets.OrderBy(t => t.Priority).ToArray();
        if (targets.Length == 0)
            throw new BusinessRuleException("policy.no-targets", "A policy needs at least one priority target.");
        if (targets.GroupBy(t => t.Priority).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            throw new BusinessRuleException("policy.duplicate-priority", $"Priority {repeated.Key} has more than one target.");
        if (targets.FirstOrDefault(t => t.ResolutionMinutes < t.ResponseMinutes) is { } inverted)
            throw new BusinessRuleException("policy.resolution-before-response", $"Priority {inverted.Priority} must not resolve sooner than it responds.");

        var thresholds = terms.WarningThresholds.Count == 0 ? DefaultWarningThresholds : terms.WarningThresholds;
        var pauseStatuses = terms.PauseStatuses.Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        return new SlaPolicy(id, version, terms.Name.Trim(), terms.CalendarId, targets, pauseStatuses, terms.PauseResponse,
            thresholds, terms.ReopenWindowMinutes, now);
    }
}

public sealed record SlaPolicyTerms(
    string Name,
    Guid CalendarId,
    IReadOnlyList<PriorityTarget> Targets,
    IReadOnlyList<string> PauseStatuses,
    bool PauseResponse,
    IReadOnlyList<int> WarningThresholds,
    int ReopenWindowMinutes);
