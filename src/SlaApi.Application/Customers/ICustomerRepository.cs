using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Customers;

namespace SlaApi.Application.Customers;

public interface ICustomerRepository
{
    Task<Customer?> GetAsync(Guid id, CancellationToken ct);

    Task<bool> ExistsAsync(Guid id, CancellationToken ct);

    /// <summary>The customer that holds <paramref name="externalRef"/>, if any.</summary>
    Task<Customer?> FindByExternalRefAsync(ExternalRef externalRef, CancellationToken ct);

    /// <summary>Stores the customer; a reference already held by another customer is a <c>customer.external-ref-taken</c> rule failure.</summary>
    Task AddAsync(Customer customer, CancellationToken ct);

    Task<Page<Customer>> ListAsync(PageRequest page, CancellationToken ct);
}
