using FluentValidation;
using Mediator;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Common.Validation;

namespace SlaApi.Application.Policies.ListPolicies;

public sealed record ListPoliciesQuery(PageRequest Page) : IQuery<Page<PolicyDto>>;

public sealed class ListPoliciesValidator : AbstractValidator<ListPoliciesQuery>
{
    public ListPoliciesValidator() => this.ValidPage(q => q.Page);
}

public sealed class ListPoliciesHandler(ISlaPolicyRepository policies, EscalationWarnings warnings) : IQueryHandler<ListPoliciesQuery, Page<PolicyDto>>
{
    public async ValueTask<Page<PolicyDto>> Handle(ListPoliciesQuery query, CancellationToken ct)
    {
        var page = await policies.ListAsync(query.Page, ct);
        var found = await warnings.OfAsync(page.Items, ct);
        return page.Map(p => PolicyDto.From(p, found[p.Id]));
    }
}
