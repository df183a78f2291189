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
        int reopenWindowMinutes, IReadOnlyList<ResponseTier> responseTiers, int? maxPauseMinutes, IReadOnlyList<string> pauseReasons,
        IReadOnlyList<Guid> escalationPath, DateTimeOffset versionEffectiveFrom)
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
        ResponseTiers = responseTiers;
        MaxPauseMinutes = maxPauseMinutes;
        PauseReasons = pauseReasons;
        EscalationPath = escalationPath;
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

    public IReadOnlyList<ResponseTier> ResponseTiers { get; }

    /// <summary>The most business time a cycle may spend paused, on its own calendar; past it the clock counts again. Null for no cap.</summary>
    public int? MaxPauseMinutes { get; }

    /// <summary>The reasons a pause may be given for; empty when any reason, or none, will do.</summary>
    public IReadOnlyList<string> PauseReasons { get; }

    /// <summary>The teams a ticket passes through, in order, whose OLAs should fit inside the policy's targets; empty for none declared.</summary>
    public IReadOnlyList<Guid> EscalationPath { get; }

    public DateTimeOffset VersionEffectiveFrom { get; }

    /// <summary>Every calendar the policy names: its own and those of its targets and its tiers' targets.</summary>
    public IEnumerable<Guid> ReferencedCalendarIds =>
        Targets.Concat(ResponseTiers.SelectMany(t => t.Targets))
            .Where(t => t.CalendarId.HasValue).Select(t => t.CalendarId!.Value).Prepend(CalendarId).Distinct();

    /// <summary>
    /// A status change into one of the pause statuses may say why; when the policy lists its reasons, the one given must be
    /// among them. No reason at all is always accepted: a tool that cannot say one loses nothing.
    /// </summary>
    /// <exception cref="UnprocessableException">The reason is not one the policy lists.</exception>
    public void CheckPauseReason(string? status, string? reason)
    {
        if (reason is null || PauseReasons.Count == 0 || status is null || !PauseStatuses.Contains(status))
            return;
        if (!PauseReasons.Contains(reason))
            throw new UnprocessableException("reason", $"'{reason}' is not a pause reason of policy {Id} v{Version}; it lists: {string.Join(", ", PauseReasons)}.");
    }

    public ResponseTier? TierNamed(string name) => ResponseTiers.FirstOrDefault(t => t.Name == name);

    /// <summary>The policy as an agreement on <paramref name="tier"/> is held to it: the tier's targets in place of its own.</summary>
    public SlaPolicy ForTier(string? tier) =>
        tier is null
            ? this
            : new SlaPolicy(Id, Version, Name, CalendarId,
                (TierNamed(tier) ?? throw new InvalidOperationException($"Policy {Id} v{Version} offers no tier '{tier}'.")).Targets,
                PauseStatuses, PauseResponse, WarningThresholds, ReopenWindowMinutes, ResponseTiers, MaxPauseMinutes, PauseReasons, EscalationPath,
                VersionEffectiveFrom);

    public static SlaPolicy Define(SlaPolicyTerms terms, DateTimeOffset now) =>
        Create(Guid.CreateVersion7(now), 1, terms, now);

    public static SlaPolicy Rehydrate(Guid id, int version, SlaPolicyTerms terms, DateTimeOffset versionEffectiveFrom) =>
        new(id, version, terms.Name, terms.CalendarId, terms.Targets, terms.PauseStatuses, terms.PauseResponse,
            terms.WarningThresholds, terms.ReopenWindowMinutes, terms.ResponseTiers ?? [], terms.MaxPauseMinutes, terms.PauseReasons ?? [],
            terms.EscalationPath ?? [], versionEffectiveFrom);

    public SlaPolicy Revise(SlaPolicyTerms terms, DateTimeOffset now) => Create(Id, Version + 1, terms, now);

    public SlaPolicyTerms Terms =>
        new(Name, CalendarId, Targets, PauseStatuses, PauseResponse, WarningThresholds, ReopenWindowMinutes, ResponseTiers, MaxPauseMinutes, PauseReasons,
            EscalationPath);

    private static SlaPolicy Create(Guid id, int version, SlaPolicyTerms terms, DateTimeOffset now)
    {
        var targets = Checked(terms.Targets, "the policy");
        var tiers = (terms.ResponseTiers ?? [])
            .Select(t => t with { Name = t.Name.Trim(), Targets = Checked(t.Targets, $"response tier '{t.Name.Trim()}'") })
            .ToArray();
        if (tiers.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new BusinessRuleException("policy.duplicate-tier", $"Response tier '{twice.Key}' is offered more than once.");

        var thresholds = terms.WarningThresholds.Count == 0 ? DefaultWarningThresholds : terms.WarningThresholds;
        var pauseStatuses = terms.PauseStatuses.Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        return new SlaPolicy(id, version, terms.Name.Trim(), terms.CalendarId, targets, pauseStatuses, terms.PauseResponse,
            thresholds, terms.ReopenWindowMinutes, tiers, terms.MaxPauseMinutes,
            (terms.PauseReasons ?? []).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToArray(), terms.EscalationPath ?? [], now);
    }

    private static PriorityTarget[] Checked(IEnumerable<PriorityTarget> targets, string owner)
    {
        var ordered = targets.OrderBy(t => t.Priority).ToArray();
        if (ordered.Length == 0)
            throw new BusinessRuleException("policy.no-targets", $"{char.ToUpperInvariant(owner[0])}{owner[1..]} needs at least one priority target.");
        if (ordered.GroupBy(t => t.Priority).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            throw new BusinessRuleException("policy.duplicate-priority", $"Priority {repeated.Key} of {owner} has more than one target.");
        if (ordered.FirstOrDefault(t => t.ResolutionMinutes < t.ResponseMinutes) is { } inverted)
            throw new BusinessRuleException("policy.resolution-before-response", $"Priority {inverted.Priority} of {owner} must not resolve sooner than it responds.");
        if (ordered.FirstOrDefault(t => t.PlanMinutes is { } plan && (plan < t.ResponseMinutes || plan > t.ResolutionMinutes)) is { } misplaced)
            throw new BusinessRuleException("policy.plan-outside-response-and-resolution",
                $"Priority {misplaced.Priority} of {owner} must plan no sooner than it responds and no later than it resolves.");
        return ordered;
    }
}

public sealed record SlaPolicyTerms(
    string Name,
    Guid CalendarId,
    IReadOnlyList<PriorityTarget> Targets,
    IReadOnlyList<string> PauseStatuses,
    bool PauseResponse,
    IReadOnlyList<int> WarningThresholds,
    int ReopenWindowMinutes,
    IReadOnlyList<ResponseTier>? ResponseTiers = null,
    int? MaxPauseMinutes = null,
    IReadOnlyList<string>? PauseReasons = null,
    IReadOnlyList<Guid>? EscalationPath = null);
