using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Customers;

namespace SlaApi.Application.Agreements.ListCustomerAgreements;

public sealed record ListCustomerAgreementsQuery(Guid CustomerId) : IQuery<IReadOnlyList<AgreementDto>>;

public sealed class ListCustomerAgreementsHandler(ICustomerRepository customers, IAgreementRepository agreements, ICallerContext caller)
    : IQueryHandler<ListCustomerAgreementsQuery, IReadOnlyList<AgreementDto>>
{
    public async ValueTask<IReadOnlyList<AgreementDto>> Handle(ListCustomerAgreementsQuery query, CancellationToken ct)
    {
        if (!caller.CanSee(query.CustomerId) || !await customers.ExistsAsync(query.CustomerId, ct))
            throw new NotFoundException("Customer", query.CustomerId);
        return (await agreements.ListForCustomerAsync(query.CustomerId, ct)).Select(AgreementDto.From).ToArray();
    }
}
