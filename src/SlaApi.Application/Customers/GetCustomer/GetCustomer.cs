using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Customers.GetCustomer;

public sealed record GetCustomerQuery(Guid Id) : IQuery<CustomerDto>;

public sealed class GetCustomerHandler(ICustomerRepository customers, ICallerContext caller) : IQueryHandler<GetCustomerQuery, CustomerDto>
{
    public async ValueTask<CustomerDto> Handle(GetCustomerQuery query, CancellationToken ct)
    {
        var customer = caller.CanSee(query.Id) ? await customers.GetAsync(query.Id, ct) : null;
        return CustomerDto.From(customer ?? throw new NotFoundException("Customer", query.Id));
    }
}
