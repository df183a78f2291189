using SlaApi.Domain.Policies;

namespace SlaApi.Domain.Teams;

/// <param name="Stage">acknowledge (the first team's, against the response target) or resolve (every team's, against the resolution target).</param>
public sealed record OlaWarning(string Code, int Priority, string Stage, int SlaMinutes, int OlaMinutes, string Detail);

/// <summary>
/// Whether the OLAs along a policy's escalation path fit inside its targets (docs/sla-semantics.md §9 "Escalation path"):
/// the first team must acknowledge within the response target, and the teams' resolve targets together must fit within
/// the resolution target. Minutes are compared as stated, each in its own calendar's business time.
/// </summary>
public static class EscalationCheck
{
    public const string OlaExceedsSla = "ola-exceeds-sla";

    /// <param name="path">The teams of <see cref="SlaPolicy.EscalationPath"/>, in its order.</param>
    public static IReadOnlyList<OlaWarning> Of(SlaPolicy policy, IReadOnlyList<Team> path)
    {
        if (path.Count == 0)
            return [];
        var warnings = new List<OlaWarning>();
        foreach (var target in policy.Targets)
        {
            var olas = path.Select(t => (Team: t, Target: t.TargetOf(target.Priority))).Where(t => t.Target is not null).ToArray();
            if (olas.Length == 0)
                continue;
            if (path[0].TargetOf(target.Priority) is { } first && first.AcknowledgeMinutes > target.ResponseMinutes)
            {
                warnings.Add(new OlaWarning(OlaExceedsSla, target.Priority, "acknowledge", target.ResponseMinutes, first.AcknowledgeMinutes,
                    $"P{target.Priority}: {path[0].Name} acknowledges within {first.AcknowledgeMinutes} minutes, " +
                    $"later than the {target.ResponseMinutes}-minute response target."));
            }
            var resolve = olas.Sum(t => t.Target!.ResolveMinutes);
            if (resolve > target.ResolutionMinutes)
            {
                warnings.Add(new OlaWarning(OlaExceedsSla, target.Priority, "resolve", target.ResolutionMinutes, resolve,
                    $"P{target.Priority}: {string.Join(" + ", olas.Select(t => $"{t.Team.Name} {t.Target!.ResolveMinutes}"))} = {resolve} minutes, " +
                    $"more than the {target.ResolutionMinutes}-minute resolution target."));
            }
        }
        return warnings;
    }
}
