using SlaApi.Domain.Common;

namespace SlaApi.Domain.Teams;

/// <summary>
/// One immutable version of a team an incident can be assigned to, and the operational level agreement (OLA) it is held
/// to while assigned (docs/sla-semantics.md §9). A team with a <see cref="Vendor"/> is an outside supplier: its OLA is
/// the underpinning contract the MSP holds with that vendor.
/// </summary>
public sealed class Team
{
    public const int NameMaxLength = 200;

    private Team(Guid id, int version, TeamTerms terms, DateTimeOffset versionEffectiveFrom)
    {
        Id = id;
        Version = version;
        Name = terms.Name;
        CalendarId = terms.CalendarId;
        Vendor = terms.Vendor;
        OlaTargets = terms.OlaTargets;
        VersionEffectiveFrom = versionEffectiveFrom;
    }

    public Guid Id { get; }

    public int Version { get; }

    public string Name { get; }

    /// <summary>The calendar the team's OLA clocks count on: its own working hours, not the customer's.</summary>
    public Guid CalendarId { get; }

    /// <summary>The supplier's name for an outside team; null for the MSP's own.</summary>
    public string? Vendor { get; }

    /// <summary>Ordered by priority; a priority with none holds the team to nothing.</summary>
    public IReadOnlyList<OlaTarget> OlaTargets { get; }

    public DateTimeOffset VersionEffectiveFrom { get; }

    public TeamTerms Terms => new(Name, CalendarId, Vendor, OlaTargets);

    public OlaTarget? TargetOf(int priority) => OlaTargets.FirstOrDefault(t => t.Priority == priority);

    public static Team Define(TeamTerms terms, DateTimeOffset now) => new(Guid.CreateVersion7(now), 1, Checked(terms), now);

    public static Team Rehydrate(Guid id, int version, TeamTerms terms, DateTimeOffset versionEffectiveFrom) => new(id, version, terms, versionEffectiveFrom);

    public Team Revise(TeamTerms terms, DateTimeOffset now) => new(Id, Version + 1, Checked(terms), now);

    private static TeamTerms Checked(TeamTerms terms)
    {
        var targets = terms.OlaTargets.OrderBy(t => t.Priority).ToArray();
        if (targets.GroupBy(t => t.Priority).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            throw new BusinessRuleException("team.duplicate-priority", $"Priority {repeated.Key} has more than one OLA target.");
        if (targets.FirstOrDefault(t => t.ResolveMinutes < t.AcknowledgeMinutes) is { } inverted)
            throw new BusinessRuleException("team.resolve-before-acknowledge", $"Priority {inverted.Priority} must not resolve sooner than it acknowledges.");
        var vendor = string.IsNullOrWhiteSpace(terms.Vendor) ? null : terms.Vendor.Trim();
        return new TeamTerms(terms.Name.Trim(), terms.CalendarId, vendor, targets);
    }
}

/// <summary>What a team owes an incident of one priority while it holds it, in business minutes of the team's calendar.</summary>
/// <param name="AcknowledgeMinutes">From the assignment to the team's first answer: a response, an update or a plan.</param>
/// <param name="ResolveMinutes">From the assignment to the resolution, or to the handover to another team.</param>
public sealed record OlaTarget(int Priority, int AcknowledgeMinutes, int ResolveMinutes);

public sealed record TeamTerms(string Name, Guid CalendarId, string? Vendor, IReadOnlyList<OlaTarget> OlaTargets);
