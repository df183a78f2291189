using SlaApi.Application.Policies;
using SlaApi.Application.Policies.DefinePolicy;
using SlaApi.Application.Policies.RevisePolicy;

namespace SlaApi.Api.Contracts.V1;

/// <summary>An SLA policy: targets per priority in business minutes, pause statuses and warning thresholds.</summary>
/// <param name="Name">1 to 200 characters.</param>
/// <param name="CalendarId">The calendar whose hours the targets count in, or the built-in 24x7 calendar.</param>
/// <param name="Targets">One per priority (1 highest to 5); resolution at least response.</param>
/// <param name="PauseStatuses">Incident statuses during which resolution and update clocks pause, e.g. "waiting-customer".</param>
/// <param name="PauseResponse">Whether the response clock pauses too; false when absent.</param>
/// <param name="WarningThresholds">Ascending percentages 1 to 99 at which a clock is at risk; [75] when absent.</param>
/// <param name="ReopenWindowMinutes">A reopen within this many minutes resumes the same resolution cycle; 10080 (7 days) when absent.</param>
/// <param name="MaxPauseMinutes">The most business time (of the clock's calendar) a cycle may spend paused; past it the clock counts again although the status still pauses. No cap when absent.</param>
/// <param name="PauseReasons">The reasons a pause may be given for (at most 20 codes); a status change into a pause status with another reason is refused (422), one with none is accepted.</param>
/// <param name="ResponseTiers">Priced levels of service (at most 5), each with targets in place of the policy's own and a monthly surcharge.</param>
/// <param name="EscalationPath">The teams a ticket passes through, in order (at most 10): their OLAs are checked against the targets, and the policy warns (ola-exceeds-sla) where they do not fit.</param>
public sealed record PolicyRequest(
    string Name,
    Guid CalendarId,
    IReadOnlyList<PriorityTargetDto> Targets,
    IReadOnlyList<string>? PauseStatuses,
    bool? PauseResponse,
    IReadOnlyList<int>? WarningThresholds,
    int? ReopenWindowMinutes,
    IReadOnlyList<ResponseTierDto>? ResponseTiers,
    int? MaxPauseMinutes = null,
    IReadOnlyList<string>? PauseReasons = null,
    IReadOnlyList<Guid>? EscalationPath = null)
{
    public DefinePolicyCommand ToDefineCommand() =>
        new(Name, CalendarId, Targets, PauseStatuses, PauseResponse, WarningThresholds, ReopenWindowMinutes, ResponseTiers, MaxPauseMinutes, PauseReasons,
            EscalationPath);

    public RevisePolicyCommand ToReviseCommand(Guid id, int expectedVersion) =>
        new(id, expectedVersion, Name, CalendarId, Targets, PauseStatuses, PauseResponse, WarningThresholds, ReopenWindowMinutes, ResponseTiers, MaxPauseMinutes,
            PauseReasons, EscalationPath);
}
