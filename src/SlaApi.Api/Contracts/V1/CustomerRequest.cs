using SlaApi.Application.Customers;
using SlaApi.Application.Customers.RegisterCustomer;

namespace SlaApi.Api.Contracts.V1;

/// <summary>A customer of the MSP and the ids its PSA and RMM tools know it by.</summary>
/// <param name="Name">1 to 200 characters.</param>
/// <param name="ExternalRefs">(source, id) pairs, each unique across all customers; at most 20.</param>
public sealed record CustomerRequest(string Name, IReadOnlyList<ExternalRefDto>? ExternalRefs)
{
    public RegisterCustomerCommand ToCommand() => new(Name, ExternalRefs);
}
