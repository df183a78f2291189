using SlaApi.Domain.Policies;

namespace SlaApi.Application.Policies;

/// <summary>Targets of one priority in business minutes; <see cref="CalendarId"/> overrides the policy's calendar.</summary>
public sealed record PriorityTargetDto(int Priority, int ResponseMinutes, int ResolutionMinutes, int? UpdateMinutes, Guid? CalendarId)
{
    public PriorityTarget ToTarget() => new(Priority, ResponseMinutes, ResolutionMinutes, UpdateMinutes, CalendarId);
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
    DateTimeOffset VersionEffectiveFrom)
{
    public static PolicyDto From(SlaPolicy policy) => new(
        policy.Id,
        policy.Version,
        policy.Name,
        policy.CalendarId,
        policy.Targets.Select(t => new PriorityTargetDto(t.Priority, t.ResponseMinutes, t.ResolutionMinutes, t.UpdateMinutes, t.CalendarId)).ToArray(),
        policy.PauseStatuses,
        policy.PauseResponse,
        policy.WarningThresholds,
        policy.ReopenWindowMinutes,
        policy.VersionEffectiveFrom);
}
