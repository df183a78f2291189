using Mediator;
using SlaApi.Application.Calendars;
using SlaApi.Domain.Teams;

namespace SlaApi.Application.Teams.DefineTeam;

public sealed record DefineTeamCommand(string Name, Guid CalendarId, string? Vendor, IReadOnlyList<OlaTargetDto>? OlaTargets)
    : ICommand<TeamDto>, ITeamDefinition;

public sealed class DefineTeamValidator(ICalendarRepository calendars) : TeamDefinitionValidator<DefineTeamCommand>(calendars);

public sealed class DefineTeamHandler(ITeamRepository teams, TimeProvider time) : ICommandHandler<DefineTeamCommand, TeamDto>
{
    public async ValueTask<TeamDto> Handle(DefineTeamCommand command, CancellationToken ct)
    {
        var team = Team.Define(command.ToTerms(), time.GetUtcNow());
        await teams.AddAsync(team, ct);
        return TeamDto.From(team);
    }
}
