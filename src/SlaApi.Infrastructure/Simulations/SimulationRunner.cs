using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SlaApi.Application.Simulations;
using SlaApi.Infrastructure.Alerts;

namespace SlaApi.Infrastructure.Simulations;

/// <summary>
/// Runs what-if simulations one after another, oldest first. A simulation is claimed under a lease that its progress
/// renews; if this node dies mid-way, another claims it once the lease runs out and runs it again from the start, so
/// an accepted simulation is never lost. Woken when one is asked for.
/// </summary>
public sealed class SimulationRunner(IServiceScopeFactory scopes, TimeProvider time, ILogger<SimulationRunner> logger)
    : SupervisedLoop(time, logger), ISimulationQueue
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    protected override string Name => "simulation runner";

    public void Notify() => Wake();

    protected override async Task RunAsync(CancellationToken ct)
    {
        while (true)
        {
            StoredSimulation? claimed;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var now = Time.GetUtcNow();
                claimed = await scope.ServiceProvider.GetRequiredService<ISimulationRepository>().ClaimAsync(now, now + Lease, ct);
            }
            if (claimed is null)
                await SleepAsync(PollInterval, ct);
            else
                await RunOneAsync(claimed, ct);
        }
    }

    private async Task RunOneAsync(StoredSimulation simulation, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var progressScope = scopes.CreateAsyncScope();
        await using var streamScope = scopes.CreateAsyncScope();
        var progress = progressScope.ServiceProvider.GetRequiredService<ISimulationRepository>();
        var store = scope.ServiceProvider.GetRequiredService<ISimulationRepository>();
        try
        {
            var (result, flips) = await scope.ServiceProvider.GetRequiredService<SimulationEngine>().RunAsync(simulation.Request,
                streamScope.ServiceProvider.GetRequiredService<IReplaySource>(),
                replay => Task.Run(replay, ct),
                async (total, replayed) =>
                {
                    if (!await progress.ProgressAsync(simulation.Id, total, replayed, Time.GetUtcNow() + Lease, ct))
                        throw new LeaseLostException();
                }, ct);
            await store.CompleteAsync(simulation.Id, result, flips, Time.GetUtcNow(), ct);
            logger.LogInformation("Simulation {SimulationId} replayed {Incidents} incidents", simulation.Id, result.Incidents);
        }
        catch (LeaseLostException)
        {
            logger.LogWarning("Simulation {SimulationId} was taken over by another runner after its lease ran out", simulation.Id);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Simulation {SimulationId} failed", simulation.Id);
            await progress.FailAsync(simulation.Id, e is Domain.Common.BusinessRuleException rule ? rule.Message : "The simulation failed; the log holds the error.",
                Time.GetUtcNow(), CancellationToken.None);
        }
    }

    private sealed class LeaseLostException : Exception;
}
