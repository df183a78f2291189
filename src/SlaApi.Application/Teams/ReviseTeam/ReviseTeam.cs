using FluentValidation;
using Mediator;
using SlaApi.Application.Calendars;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Teams.ReviseTeam;

public sealed record ReviseTeamCommand(Guid Id, int ExpectedVersion, string Name, Guid CalendarId, string? Vendor, IReadOnlyList<OlaTargetDto>? OlaTargets)
    : ICommand<TeamDto>, ITeamDefinition;

public sealed class ReviseTeamValidator : TeamDefinitionValidator<ReviseTeamCommand>
{
    public ReviseTeamValidator(ICalendarRepository calendars)
        : base(calendars) => RuleFor(c => c.ExpectedVersion).GreaterThanOrEqualTo(1).OverridePropertyName("If-Match");
}

/// <summary>Stores the next version: assignments made before it keep the version in force when they were made.</summary>
public sealed class ReviseTeamHandler(ITeamRepository teams, TimeProvider time) : ICommandHandler<ReviseTeamCommand, TeamDto>
{
    public async ValueTask<TeamDto> Handle(ReviseTeamCommand command, CancellationToken ct)
    {
        var current = await teams.GetAsync(command.Id, null, ct) ?? throw new NotFoundException("Team", command.Id);
        if (current.Version != command.ExpectedVersion)
            throw new PreconditionFailedException("Team", command.Id, command.ExpectedVersion, current.Version);

        var revised = current.Revise(command.ToTerms(), time.GetUtcNow());
        if (!await teams.AddVersionAsync(revised, ct))
            throw new PreconditionFailedException("Team", command.Id, command.ExpectedVersion, revised.Version);
        return TeamDto.From(revised);
    }
}
