using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Agreements.Restatements;

public sealed record ListRestatementsQuery(Guid AgreementId) : IQuery<IReadOnlyList<RestatementDto>>;

public sealed class ListRestatementsHandler(IAgreementRepository agreements, IRestatementRepository restatements, ICallerContext caller)
    : IQueryHandler<ListRestatementsQuery, IReadOnlyList<RestatementDto>>
{
    public async ValueTask<IReadOnlyList<RestatementDto>> Handle(ListRestatementsQuery query, CancellationToken ct)
    {
        var agreement = await agreements.GetAsync(query.AgreementId, null, ct);
        if (agreement is null || !caller.CanSee(agreement.CustomerId))
            throw new NotFoundException("Agreement", query.AgreementId);
        return (await restatements.ListAsync(query.AgreementId, ct)).Select(RestatementDto.Of).ToArray();
    }
}
