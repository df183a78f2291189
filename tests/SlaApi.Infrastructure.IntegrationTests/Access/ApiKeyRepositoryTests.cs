using FluentAssertions;
using SlaApi.Application.Access;
using SlaApi.Application.Customers;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Infrastructure.IntegrationTests.Access;

public sealed class ApiKeyRepositoryTests(TestEngine engine) : DatabaseTest(engine)
{
    [Test]
    public async Task AddAsync_ThenFindByPrefix_ReturnsAKeyThatStillMatchesItsText()
    {
        var keys = Get<IApiKeyRepository>();
        var customer = Builders.Customer();
        await Get<ICustomerRepository>().AddAsync(customer, CancellationToken.None);
        var (key, text) = ApiKey.Issue("dashboard", [Scopes.SlaRead, Scopes.ReportsRead], customer.Id, Builders.Now.AddDays(30), Builders.Now);

        await keys.AddAsync(key, CancellationToken.None);
        var found = await keys.FindByPrefixAsync(key.Prefix, CancellationToken.None);

        found.Should().BeEquivalentTo(key);
        found!.Matches(text).Should().BeTrue();
        (await keys.AnyAsync(CancellationToken.None)).Should().BeTrue();
    }

    [Test]
    public async Task RevokeAndTouch_AreStored()
    {
        var keys = Get<IApiKeyRepository>();
        var (key, _) = ApiKey.Issue("integration", [Scopes.IncidentsWrite], null, null, Builders.Now);
        await keys.AddAsync(key, CancellationToken.None);

        await keys.TouchAsync(key.Id, Builders.Now.AddMinutes(5), CancellationToken.None);
        key.Revoke(Builders.Now.AddMinutes(10));
        await keys.RevokeAsync(key, CancellationToken.None);

        var stored = await keys.GetAsync(key.Id, CancellationToken.None);
        stored!.LastUsedAt.Should().Be(Builders.Now.AddMinutes(5));
        stored.RevokedAt.Should().Be(Builders.Now.AddMinutes(10));
        (await keys.ListAsync(CancellationToken.None)).Should().ContainSingle();
    }

    [Test]
    public async Task AnyAsync_EmptyTable_IsFalse() =>
        (await Get<IApiKeyRepository>().AnyAsync(CancellationToken.None)).Should().BeFalse();
}
