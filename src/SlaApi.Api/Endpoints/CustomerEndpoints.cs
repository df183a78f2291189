using Mediator;
using SlaApi.Domain.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using SlaApi.Api.Contracts.V1;
using SlaApi.Application.Agreements;
using SlaApi.Application.Agreements.ListCustomerAgreements;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Customers;
using SlaApi.Application.Customers.GetCustomer;
using SlaApi.Application.Customers.ListCustomers;

namespace SlaApi.Api.Endpoints;

public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/customers").WithTags("Customers");
        group.MapPost("/", RegisterCustomer).WithName(nameof(RegisterCustomer))
            .WithDescription("externalRefs are the (source, id) pairs by which PSA and RMM tools name the customer; incidents are matched to the customer by them. Scope definitions:write. 409 when another customer holds one of the refs.").RequiresScope(Scopes.DefinitionsWrite)
            .WithSummary("Register a customer with the ids its PSA and RMM tools use.").WithProblems(409, 415);
        group.MapGet("/", ListCustomers).WithName(nameof(ListCustomers))
            .WithDescription("Paged; with externalSource and externalId, the customer holding that ref. A customer-bound key sees its own customer only. Scope definitions:read (sla:read, reports:read and definitions:write read too).")
            .WithSummary("List customers, or find the one holding externalSource/externalId.").RequiresScope(Scopes.DefinitionsRead).WithProblems();
        group.MapGet("/{id:guid}", GetCustomer).WithName(nameof(GetCustomer))
            .WithDescription("A customer-bound key reads only its own customer (another's is 404). Scope definitions:read (sla:read, reports:read and definitions:write read too).")
            .WithSummary("Read a customer.").RequiresScope(Scopes.DefinitionsRead).WithProblems(404);
        group.MapGet("/{id:guid}/agreements", ListCustomerAgreements).WithName(nameof(ListCustomerAgreements))
            .WithDescription("Every agreement of the customer, at its latest version.")
            .WithSummary("The latest version of each agreement of a customer.").RequiresScope(Scopes.DefinitionsRead).WithProblems(404);
        return api;
    }

    private static async Task<Created<CustomerDto>> RegisterCustomer(CustomerRequest request, ISender sender, CancellationToken ct)
    {
        var customer = await sender.Send(request.ToCommand(), ct);
        return TypedResults.Created($"/api/v1/customers/{customer.Id}", customer);
    }

    private static async Task<Ok<Page<CustomerDto>>> ListCustomers(
        ISender sender, CancellationToken ct, int? page, int? pageSize, string? externalSource, string? externalId) =>
        TypedResults.Ok(await sender.Send(
            new ListCustomersQuery(new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize), externalSource, externalId), ct));

    private static async Task<Ok<CustomerDto>> GetCustomer(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetCustomerQuery(id), ct));

    private static async Task<Ok<IReadOnlyList<AgreementDto>>> ListCustomerAgreements(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListCustomerAgreementsQuery(id), ct));
}
