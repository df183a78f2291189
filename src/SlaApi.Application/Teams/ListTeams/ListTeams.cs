using FluentValidation;
using Mediator;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Common.Validation;

namespace SlaApi.Application.Teams.ListTeams;

public sealed record ListTeamsQuery(PageRequest Page) : IQuery<Page<TeamDto>>;

public sealed class ListTeamsValidator : AbstractValidator<ListTeamsQuery>
{
    public ListTeamsValidator() => this.ValidPage(q => q.Page);
}

public sealed class ListTeamsHandler(ITeamRepository teams) : IQueryHandler<ListTeamsQuery, Page<TeamDto>>
{
    public async ValueTask<Page<TeamDto>> Handle(ListTeamsQuery query, CancellationToken ct) =>
        (await teams.ListAsync(query.Page, ct)).Map(TeamDto.From);
}
