using FluentAssertions;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Common.Persistence;
using SlaApi.Application.Customers;
using SlaApi.Domain.Common;
using SlaApi.Domain.Customers;
using SlaApi.TestSupport;

namespace SlaApi.Infrastructure.IntegrationTests.Customers;

public sealed class CustomerRepositoryTests(TestEngine engine) : DatabaseTest(engine)
{
    [Test]
    public async Task AddAsync_ThenFindByExternalRef_ReturnsTheCustomerWithAllRefs()
    {
        var customers = Get<ICustomerRepository>();
        var customer = Builders.Customer("Acme", new ExternalRef("connectwise", "250"), new ExternalRef("ninjaone", "org-7"));

        await customers.AddAsync(customer, CancellationToken.None);

        var found = await customers.FindByExternalRefAsync(new ExternalRef("ninjaone", "org-7"), CancellationToken.None);
        found.Should().BeEquivalentTo(customer);
        (await customers.FindByExternalRefAsync(new ExternalRef("ninjaone", "org-8"), CancellationToken.None)).Should().BeNull();
    }

    [Test]
    public async Task AddAsync_ReferenceHeldByAnother_IsRefusedByTheDatabase()
    {
        var customers = Get<ICustomerRepository>();
        var unitOfWork = Get<IUnitOfWork>();
        await customers.AddAsync(Builders.Customer("First", new ExternalRef("connectwise", "250")), CancellationToken.None);

        await unitOfWork.BeginAsync(CancellationToken.None);
        var act = () => customers.AddAsync(Builders.Customer("Second", new ExternalRef("connectwise", "250")), CancellationToken.None);

        (await act.Should().ThrowAsync<BusinessRuleException>()).Which.Code.Should().Be("customer.external-ref-taken");
        await unitOfWork.RollbackAsync(CancellationToken.None);
        (await customers.ListAsync(new PageRequest(1, 10), CancellationToken.None)).Items.Select(c => c.Name).Should().Equal("First");
    }

    [Test]
    public async Task ListAsync_ReturnsEachCustomersRefs()
    {
        var customers = Get<ICustomerRepository>();
        await customers.AddAsync(Builders.Customer("A", new ExternalRef("psa", "1")), CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(1));
        await customers.AddAsync(Customer.Register("B", [new ExternalRef("psa", "2"), new ExternalRef("rmm", "2")], Time.GetUtcNow()), CancellationToken.None);

        var page = await customers.ListAsync(new PageRequest(1, 10), CancellationToken.None);

        page.Items.Select(c => (c.Name, c.ExternalRefs.Count)).Should().Equal(("A", 1), ("B", 2));
    }
}
