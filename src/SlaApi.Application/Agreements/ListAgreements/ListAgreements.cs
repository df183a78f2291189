using FluentValidation;
using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Common.Validation;

namespace SlaApi.Application.Agreements.ListAgreements;

public sealed record ListAgreementsQuery(PageRequest Page) : IQuery<Page<AgreementDto>>;

public sealed class ListAgreementsValidator : AbstractValidator<ListAgreementsQuery>
{
    public ListAgreementsValidator() => this.ValidPage(q => q.Page);
}

public sealed class ListAgreementsHandler(IAgreementRepository agreements, ICallerContext caller) : IQueryHandler<ListAgreementsQuery, Page<AgreementDto>>
{
    public async ValueTask<Page<AgreementDto>> Handle(ListAgreementsQuery query, CancellationToken ct) =>
        (await agreements.ListAsync(query.Page, caller.CustomerScope, ct)).Map(AgreementDto.From);
}
