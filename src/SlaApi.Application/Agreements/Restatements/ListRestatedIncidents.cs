using FluentValidation;
using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Common.Validation;

namespace SlaApi.Application.Agreements.Restatements;

public sealed record ListRestatedIncidentsQuery(Guid RestatementId, PageRequest Page) : IQuery<Page<RestatedIncidentDto>>;

public sealed class ListRestatedIncidentsValidator : AbstractValidator<ListRestatedIncidentsQuery>
{
    public ListRestatedIncidentsValidator() => this.ValidPage(q => q.Page);
}

public sealed class ListRestatedIncidentsHandler(IRestatementRepository restatements, IAgreementRepository agreements, ICallerContext caller)
    : IQueryHandler<ListRestatedIncidentsQuery, Page<RestatedIncidentDto>>
{
    public async ValueTask<Page<RestatedIncidentDto>> Handle(ListRestatedIncidentsQuery query, CancellationToken ct)
    {
        await RestatementAccess.FindAsync(restatements, agreements, caller, query.RestatementId, ct);
        return (await restatements.IncidentPageAsync(query.RestatementId, query.Page, ct)).Map(RestatedIncidentDto.From);
    }
}
