using SlaApi.Domain.Customers;

namespace SlaApi.Application.Customers;

/// <summary>The id a PSA or RMM tool gives the customer, e.g. source "connectwise", id "250".</summary>
public sealed record ExternalRefDto(string Source, string Id);

public sealed record CustomerDto(Guid Id, string Name, IReadOnlyList<ExternalRefDto> ExternalRefs, DateTimeOffset CreatedAt)
{
    public static CustomerDto From(Customer customer) => new(
        customer.Id, customer.Name, customer.ExternalRefs.Select(r => new ExternalRefDto(r.Source, r.Id)).ToArray(), customer.CreatedAt);
}
