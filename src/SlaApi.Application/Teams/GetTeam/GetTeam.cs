using FluentValidation;
using Mediator;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Teams.GetTeam;

/// <summary>The given version of a team, or its latest when <see cref="Version"/> is null.</summary>
public sealed record GetTeamQuery(Guid Id, int? Version) : IQuery<TeamDto>;

public sealed class GetTeamValidator : AbstractValidator<GetTeamQuery>
{
    public GetTeamValidator() => RuleFor(q => q.Version).GreaterThanOrEqualTo(1);
}

public sealed class GetTeamHandler(ITeamRepository teams) : IQueryHandler<GetTeamQuery, TeamDto>
{
    public async ValueTask<TeamDto> Handle(GetTeamQuery query, CancellationToken ct)
    {
        var team = await teams.GetAsync(query.Id, query.Version, ct)
            ?? throw new NotFoundException(query.Version is null ? "Team" : $"Version {query.Version} of team", query.Id);
        return TeamDto.From(team);
    }
}
