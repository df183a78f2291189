using FluentAssertions;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Policies;
using SlaApi.TestSupport;

namespace SlaApi.Infrastructure.IntegrationTests.Policies;

public sealed class SlaPolicyRepositoryTests(TestEngine engine) : DatabaseTest(engine)
{
    [Test]
    public async Task AddAsync_ThenGetAsync_ReturnsEveryField()
    {
        var policies = Get<ISlaPolicyRepository>();
        var policy = Builders.Policy(Guid.NewGuid());

        await policies.AddAsync(policy, CancellationToken.None);
        var stored = await policies.GetAsync(policy.Id, null, CancellationToken.None);

        stored.Should().BeEquivalentTo(policy);
        (await policies.ExistsAsync(policy.Id, CancellationToken.None)).Should().BeTrue();
        (await policies.ExistsAsync(Guid.NewGuid(), CancellationToken.None)).Should().BeFalse();
    }

    [Test]
    public async Task AddVersionAsync_KeepsEarlierVersionReadable()
    {
        var policies = Get<ISlaPolicyRepository>();
        var policy = Builders.Policy(Guid.NewGuid());
        await policies.AddAsync(policy, CancellationToken.None);
        var revised = policy.Revise(policy.Terms with { Name = "Platinum", PauseResponse = false }, Builders.Now.AddHours(1));

        (await policies.AddVersionAsync(revised, CancellationToken.None)).Should().BeTrue();
        (await policies.AddVersionAsync(revised, CancellationToken.None)).Should().BeFalse("version 2 is already stored");

        (await policies.GetAsync(policy.Id, null, CancellationToken.None)).Should().BeEquivalentTo(revised);
        (await policies.GetAsync(policy.Id, 1, CancellationToken.None)).Should().BeEquivalentTo(policy);
        (await policies.ListAsync(new PageRequest(1, 10), CancellationToken.None)).Items.Should().ContainSingle()
            .Which.Version.Should().Be(2);
    }
}
