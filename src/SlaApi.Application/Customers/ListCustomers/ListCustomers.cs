using FluentValidation;
using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Common.Validation;
using SlaApi.Domain.Customers;

namespace SlaApi.Application.Customers.ListCustomers;

/// <summary>A page of customers; with both external fields, the one customer holding that reference (or none).</summary>
public sealed record ListCustomersQuery(PageRequest Page, string? ExternalSource, string? ExternalId) : IQuery<Page<CustomerDto>>;

public sealed class ListCustomersValidator : AbstractValidator<ListCustomersQuery>
{
    public ListCustomersValidator()
    {
        this.ValidPage(q => q.Page);
        RuleFor(q => q.ExternalId).NotEmpty().When(q => q.ExternalSource is not null)
            .WithMessage("'externalId' is required with 'externalSource'.");
        RuleFor(q => q.ExternalSource).NotEmpty().When(q => q.ExternalId is not null)
            .WithMessage("'externalSource' is required with 'externalId'.");
    }
}

public sealed class ListCustomersHandler(ICustomerRepository customers, ICallerContext caller) : IQueryHandler<ListCustomersQuery, Page<CustomerDto>>
{
    public async ValueTask<Page<CustomerDto>> Handle(ListCustomersQuery query, CancellationToken ct)
    {
        if (query is { ExternalSource: { } source, ExternalId: { } id })
        {
            var holder = await customers.FindByExternalRefAsync(new ExternalRef(source.Trim().ToLowerInvariant(), id.Trim()), ct);
            return Single(query.Page, holder is not null && caller.CanSee(holder.Id) ? holder : null);
        }
        if (caller.CustomerScope is { } own)
            return Single(query.Page, query.Page.Skip == 0 ? await customers.GetAsync(own, ct) : null, totalItems: 1);
        return (await customers.ListAsync(query.Page, ct)).Map(CustomerDto.From);
    }

    private static Page<CustomerDto> Single(PageRequest page, Customer? customer, long? totalItems = null)
    {
        CustomerDto[] items = customer is null ? [] : [CustomerDto.From(customer)];
        return new Page<CustomerDto>(items, page.PageNumber, page.PageSize, totalItems ?? items.Length);
    }
}
