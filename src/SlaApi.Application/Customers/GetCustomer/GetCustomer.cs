using Mediator;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Customers.GetCustomer;

public sealed record GetCustomerQuery(Guid Id) : IQuery<CustomerDto>;

public sealed class GetCustomerHandler(ICustomerRepository customers) : IQueryHandler<GetCustomerQuery, CustomerDto>
{
    public async ValueTask<CustomerDto> Handle(GetCustomerQuery query, CancellationToken ct) =>
        CustomerDto.From(await customers.GetAsync(query.Id, ct) ?? throw new NotFoundException("Customer", query.Id));
}
