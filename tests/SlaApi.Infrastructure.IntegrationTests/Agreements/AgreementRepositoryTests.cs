using FluentAssertions;
using SlaApi.Application.Agreements;
using SlaApi.Application.Calendars;
using SlaApi.Application.Customers;
using SlaApi.Application.Policies;
using SlaApi.Domain.Agreements;
using SlaApi.TestSupport;

namespace SlaApi.Infrastructure.IntegrationTests.Agreements;

public sealed class AgreementRepositoryTests(TestEngine engine) : DatabaseTest(engine)
{
    private Guid _customerId;
    private Guid _policyId;

    [SetUp]
    public async Task StoreCustomerAndPolicy()
    {
        var calendar = Builders.Calendar();
        await Get<ICalendarRepository>().AddAsync(calendar, CancellationToken.None);
        var policy = Builders.Policy(calendar.Id);
        await Get<ISlaPolicyRepository>().AddAsync(policy, CancellationToken.None);
        var customer = Builders.Customer();
        await Get<ICustomerRepository>().AddAsync(customer, CancellationToken.None);
        (_customerId, _policyId) = (customer.Id, policy.Id);
    }

    [Test]
    public async Task AddAsync_ThenGetAsync_KeepsMoneyDatesAndRulesExactly()
    {
        var agreements = Get<IAgreementRepository>();
        var agreement = Agreement.Conclude(_customerId, Builders.Terms(_policyId, to: new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)), [], Builders.Now);

        await agreements.AddAsync(agreement, CancellationToken.None);
        var stored = await agreements.GetAsync(agreement.Id, null, CancellationToken.None);

        stored.Should().BeEquivalentTo(agreement);
        stored!.Terms.MonthlyFee.Amount.Should().Be(1234.5678m);
        stored.Terms.RenewalDate.Should().Be(new DateOnly(2026, 12, 1));
    }

    [Test]
    public async Task ListForCustomerAsync_ReturnsLatestVersionOfEach()
    {
        var agreements = Get<IAgreementRepository>();
        var workstations = Agreement.Conclude(_customerId, Builders.Terms(_policyId), [], Builders.Now);
        var servers = Agreement.Conclude(_customerId, Builders.Terms(_policyId, ["managed-servers"]), [workstations], Builders.Now);
        await agreements.AddAsync(workstations, CancellationToken.None);
        await agreements.AddAsync(servers, CancellationToken.None);
        var revised = servers.Revise(_customerId, servers.Terms with { Name = "Servers, revised" }, [workstations], Builders.Now.AddDays(1));
        await agreements.AddVersionAsync(revised, CancellationToken.None);

        var list = await agreements.ListForCustomerAsync(_customerId, CancellationToken.None);

        list.Select(a => (a.Terms.Name, a.Version)).Should().BeEquivalentTo([("Managed workstations", 1), ("Servers, revised", 2)]);
    }

    [Test]
    public async Task ListExpiringAsync_FindsTermEndsAndRenewalsInsideTheWindowOnly()
    {
        var agreements = Get<IAgreementRepository>();
        var endsInWindow = Builders.Terms(_policyId, ["a"], to: new DateTimeOffset(2026, 12, 10, 0, 0, 0, TimeSpan.Zero)) with { RenewalDate = null };
        var renewsInWindow = Builders.Terms(_policyId, ["b"]) with { RenewalDate = new DateOnly(2026, 12, 20) };
        var endsAfter = Builders.Terms(_policyId, ["c"], to: new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero)) with { RenewalDate = new DateOnly(2027, 2, 1) };
        var endedBefore = Builders.Terms(_policyId, ["d"], to: new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)) with { RenewalDate = null };
        foreach (var terms in new[] { endsInWindow, renewsInWindow, endsAfter, endedBefore })
            await agreements.AddAsync(Agreement.Conclude(_customerId, terms, [], Builders.Now), CancellationToken.None);

        var expiring = await agreements.ListExpiringAsync(Builders.Now, Builders.Now.AddDays(30), null, new(1, 50), CancellationToken.None);

        expiring.Items.Select(a => a.Terms.CoveredServices.Single()).Should().Equal(["a", "b"], "earliest date first");
        expiring.TotalItems.Should().Be(2);
    }

    [Test]
    public async Task ListExpiringAndRenewals_ReadOneCustomersAgreementsOnly_APageAtATime()
    {
        var agreements = Get<IAgreementRepository>();
        var other = Builders.Customer("Other");
        await Get<ICustomerRepository>().AddAsync(other, CancellationToken.None);
        for (var day = 1; day <= 3; day++)
        {
            await agreements.AddAsync(Agreement.Conclude(_customerId, Builders.Terms(_policyId, [$"own-{day}"]) with { RenewalDate = new DateOnly(2026, 12, day) }, [], Builders.Now), CancellationToken.None);
            await agreements.AddAsync(Agreement.Conclude(other.Id, Builders.Terms(_policyId, [$"other-{day}"]) with { RenewalDate = new DateOnly(2026, 12, day) }, [], Builders.Now), CancellationToken.None);
        }

        var firstPage = await agreements.ListExpiringAsync(Builders.Now, Builders.Now.AddDays(30), _customerId, new(1, 2), CancellationToken.None);
        var renewals = await agreements.ListRenewalsAsync(Builders.Now, Builders.Now.AddDays(30), _customerId, new(2, 2), CancellationToken.None);

        firstPage.Items.Select(a => a.Terms.CoveredServices.Single()).Should().Equal("own-1", "own-2");
        firstPage.TotalItems.Should().Be(3);
        renewals.Items.Select(r => (r.CustomerId, r.RenewalDate)).Should().Equal((_customerId, new DateOnly(2026, 12, 3)));
        renewals.Items[0].Currency.Should().NotBeEmpty();
    }
}
