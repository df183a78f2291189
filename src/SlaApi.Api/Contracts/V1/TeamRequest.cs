using SlaApi.Application.Teams;
using SlaApi.Application.Teams.DefineTeam;
using SlaApi.Application.Teams.ReviseTeam;

namespace SlaApi.Api.Contracts.V1;

/// <summary>A team incidents are assigned to, and the OLA it is held to while it holds one.</summary>
/// <param name="Name">1 to 200 characters.</param>
/// <param name="CalendarId">The team's working hours, in which its OLA clocks count; the built-in 24x7 calendar for a team that never closes.</param>
/// <param name="Vendor">The supplier's name for an outside team: its OLA is then the underpinning contract with that vendor. Absent for the MSP's own teams.</param>
/// <param name="OlaTargets">At most one per priority (1–5): business minutes to acknowledge an assignment and to resolve or hand it on; a priority without one holds the team to nothing.</param>
public sealed record TeamRequest(string Name, Guid CalendarId, string? Vendor, IReadOnlyList<OlaTargetDto>? OlaTargets)
{
    public DefineTeamCommand ToDefineCommand() => new(Name, CalendarId, Vendor, OlaTargets);

    public ReviseTeamCommand ToReviseCommand(Guid id, int expectedVersion) => new(id, expectedVersion, Name, CalendarId, Vendor, OlaTargets);
}
