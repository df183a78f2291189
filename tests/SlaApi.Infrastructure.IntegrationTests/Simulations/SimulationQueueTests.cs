using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SlaApi.Application.Common.Persistence;
using SlaApi.Application.Simulations;
using SlaApi.TestSupport;

namespace SlaApi.Infrastructure.IntegrationTests.Simulations;

/// <summary>The simulation queue's caps hold under concurrent requests, and its claims take turns between keys.</summary>
public sealed class SimulationQueueTests(TestEngine engine) : DatabaseTest(engine)
{
    private static readonly SimulationRequest Request = new(null, new SimulatedTerms(null, 10m, null), [Guid.NewGuid()],
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task RequestsAtOnce_CountAndQueueOneAfterAnother_SoTheyNeverPassACap()
    {
        var queued = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => QueueUnderCapAsync("key-a", cap: 2)));

        queued.Count(q => q).Should().Be(2, "each request counts with the queue held, so no two pass the cap together");
    }

    [Test]
    public async Task Claims_TakeTurnsBetweenKeys_OldestFirstWithinAKey()
    {
        foreach (var (key, minutes) in new[] { ("key-a", 0), ("key-a", 1), ("key-a", 2), ("key-b", 3) })
        {
            Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 12, minutes, 0, TimeSpan.Zero));
            await QueueUnderCapAsync(key, cap: 10);
        }
        var repository = Get<ISimulationRepository>();
        var now = Time.GetUtcNow();

        var first = await repository.ClaimAsync(now, now.AddMinutes(1), CancellationToken.None);
        var second = await repository.ClaimAsync(now.AddSeconds(1), now.AddMinutes(1), CancellationToken.None);
        var third = await repository.ClaimAsync(now.AddSeconds(2), now.AddMinutes(1), CancellationToken.None);

        new[] { first, second, third }.Select(s => s!.CreatedAt.Minute).Should().Equal([0, 3, 1],
            "key a's oldest, then key b's, which never ran, before a's next");
    }

    private async Task<bool> QueueUnderCapAsync(string key, int cap)
    {
        await using var scope = NewScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var simulations = scope.ServiceProvider.GetRequiredService<ISimulationRepository>();
        await unitOfWork.BeginAsync(CancellationToken.None);
        var (_, ofKey, _) = await simulations.CountUnfinishedAsync(key, null, CancellationToken.None);
        var queued = ofKey < cap;
        if (queued)
            await simulations.AddAsync(Guid.CreateVersion7(), Request, null, key, Time.GetUtcNow(), CancellationToken.None);
        await unitOfWork.CommitAsync(CancellationToken.None);
        return queued;
    }
}
