using System.Net;
using FluentAssertions;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Customers;

public sealed class CustomerEndpointsTests(TestEngine engine) : ApiTest(engine)
{
    [Test]
    public async Task Register_ThenLookUpByExternalRef()
    {
        var response = await PostAsync("/api/v1/customers", Definitions.Customer("Acme", "ConnectWise", "250"));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var customer = await ReadAsync(response);
        var found = await ReadAsync(await Client.GetAsync("/api/v1/customers?externalSource=connectwise&externalId=250"));
        found["items"]!.AsArray().Should().ContainSingle().Which!["id"]!.GetValue<string>().Should().Be(customer["id"]!.GetValue<string>());
        (await ReadAsync(await Client.GetAsync("/api/v1/customers?externalSource=connectwise&externalId=251")))["items"]!.AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task Register_ReferenceHeldByAnotherCustomer_Returns409NamingTheHolder()
    {
        var first = await CreateAsync("/api/v1/customers", Definitions.Customer("Acme"));

        var response = await PostAsync("/api/v1/customers", Definitions.Customer("Other"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem["code"]!.GetValue<string>().Should().Be("customer.external-ref-taken");
        problem["conflictingCustomerId"]!.GetValue<string>().Should().Be(first["id"]!.GetValue<string>());
    }

    [Test]
    public async Task Register_SameReferenceConcurrently_StoresOneCustomer()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => PostAsync("/api/v1/customers", Definitions.Customer($"Racer {i}"))));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).Should().Be(5);
        (await ReadAsync(await Client.GetAsync("/api/v1/customers")))["totalItems"]!.GetValue<long>().Should().Be(1);
    }

    [TestCase("name", "", "name")]
    [TestCase("externalRefs", "not-a-list", "externalRefs")]
    public async Task Register_Invalid_Returns400(string key, object value, string field)
    {
        await (await PostAsync("/api/v1/customers", Definitions.Customer().With(key, value))).ShouldBeValidationProblemAsync(field);
    }

    [Test]
    public async Task Register_SourceWithSpaces_Returns400()
    {
        var response = await PostAsync("/api/v1/customers", Definitions.Customer(source: "connect wise"));

        await response.ShouldBeValidationProblemAsync("externalRefs[0].source");
    }

    [Test]
    public async Task Lookup_WithOnlyOneOfTheTwoFields_Returns400()
    {
        await (await Client.GetAsync("/api/v1/customers?externalSource=connectwise")).ShouldBeValidationProblemAsync("externalId");
    }

    [Test]
    public async Task Get_Unknown_Returns404() =>
        await (await Client.GetAsync($"/api/v1/customers/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
}
