using SlaApi.Domain.Policies;
using SlaApi.Domain.Teams;

namespace SlaApi.Application.Policies;

/// <summary>Targets of one priority in business minutes; <see cref="CalendarId"/> overrides the policy's calendar.</summary>
public sealed record PriorityTargetDto(
    int Priority, int ResponseMinutes, int ResolutionMinutes, int? UpdateMinutes, Guid? CalendarId, int? PlanMinutes = null, int? NextReplyMinutes = null)
{
    public PriorityTarget ToTarget() => new(Priority, ResponseMinutes, ResolutionMinutes, UpdateMinutes, CalendarId, PlanMinutes, NextReplyMinutes);

    public static PriorityTargetDto From(PriorityTarget t) =>
        new(t.Priority, t.ResponseMinutes, t.ResolutionMinutes, t.UpdateMinutes, t.CalendarId, t.PlanMinutes, t.NextReplyMinutes);
}

/// <summary>A priced level of service: agreements that choose it are held to its targets and pay its surcharge.</summary>
/// <param name="Name">A code such as "premium"; agreements choose it by this name.</param>
/// <param name="MonthlySurchargePercent">Added to the monthly fee of an agreement on this tier, as a percentage of that fee.</param>
/// <param name="Targets">The tier's targets, in place of the policy's own.</param>
public sealed record ResponseTierDto(string Name, decimal MonthlySurchargePercent, IReadOnlyList<PriorityTargetDto> Targets)
{
    public ResponseTier ToTier() => new(Name, MonthlySurchargePercent, Targets.Select(t => t.ToTarget()).ToArray());

    public static ResponseTierDto From(ResponseTier tier) =>
        new(tier.Name, tier.MonthlySurchargePercent, tier.Targets.Select(PriorityTargetDto.From).ToArray());
}

public sealed record PolicyDto(
    Guid Id,
    int Version,
    string Name,
    Guid CalendarId,
    IReadOnlyList<PriorityTargetDto> Targets,
    IReadOnlyList<string> PauseStatuses,
    bool PauseResponse,
    IReadOnlyList<int> WarningThresholds,
    int ReopenWindowMinutes,
    IReadOnlyList<ResponseTierDto> ResponseTiers,
    int? MaxPauseMinutes,
    IReadOnlyList<string> PauseReasons,
    IReadOnlyList<Guid> EscalationPath,
    IReadOnlyList<OlaWarningDto> Warnings,
    DateTimeOffset VersionEffectiveFrom)
{
    /// <param name="warnings">What the escalation path's OLAs, as the teams stand now, say of the policy's targets.</param>
    public static PolicyDto From(SlaPolicy policy, IReadOnlyList<OlaWarning> warnings) => new(
        policy.Id,
        policy.Version,
        policy.Name,
        policy.CalendarId,
        policy.Targets.Select(PriorityTargetDto.From).ToArray(),
        policy.PauseStatuses,
        policy.PauseResponse,
        policy.WarningThresholds,
        policy.ReopenWindowMinutes,
        policy.ResponseTiers.Select(ResponseTierDto.From).ToArray(),
        policy.MaxPauseMinutes,
        policy.PauseReasons,
        policy.EscalationPath,
        warnings.Select(OlaWarningDto.From).ToArray(),
        policy.VersionEffectiveFrom);
}

/// <summary>An OLA along the escalation path that does not fit inside the policy's target (docs/sla-semantics.md §9).</summary>
/// <param name="Code">ola-exceeds-sla.</param>
/// <param name="Stage">acknowledge: the first team's against the response target; resolve: the teams' together against the resolution target.</param>
public sealed record OlaWarningDto(string Code, int Priority, string Stage, int SlaMinutes, int OlaMinutes, string Detail)
{
    public static OlaWarningDto From(OlaWarning w) => new(w.Code, w.Priority, w.Stage, w.SlaMinutes, w.OlaMinutes, w.Detail);
}
