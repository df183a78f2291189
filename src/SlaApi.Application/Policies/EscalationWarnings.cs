using SlaApi.Application.Teams;
using SlaApi.Domain.Policies;
using SlaApi.Domain.Teams;

namespace SlaApi.Application.Policies;

/// <summary>The escalation check of policies (docs/sla-semantics.md §9) against the latest versions of the teams on their paths.</summary>
public sealed class EscalationWarnings(ITeamRepository teams)
{
    public async Task<IReadOnlyList<OlaWarning>> OfAsync(SlaPolicy policy, CancellationToken ct) => (await OfAsync([policy], ct))[policy.Id];

    /// <summary>One read of every team the policies name, whatever their number.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<OlaWarning>>> OfAsync(IReadOnlyCollection<SlaPolicy> policies, CancellationToken ct)
    {
        var named = policies.SelectMany(p => p.EscalationPath).Distinct().ToArray();
        var latest = named.Length == 0 ? new Dictionary<Guid, Team>() : (await teams.GetLatestAsync(named, ct)).ToDictionary(t => t.Id);
        var warnings = new Dictionary<Guid, IReadOnlyList<OlaWarning>>();
        foreach (var policy in policies)
            warnings[policy.Id] = EscalationCheck.Of(policy, policy.EscalationPath.Where(latest.ContainsKey).Select(id => latest[id]).ToArray());
        return warnings;
    }
}
