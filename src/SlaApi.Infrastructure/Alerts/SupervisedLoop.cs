using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SlaApi.Infrastructure.Alerts;

/// <summary>
/// A background loop that cannot die silently: when a round fails it is logged and the loop starts again after a
/// second, and <see cref="IsRunning"/> (which its health check reports) is false meanwhile. It sleeps between rounds
/// until woken (<see cref="Wake"/>) or until the wait <see cref="RunAsync"/> asks for has passed.
/// </summary>
public abstract class SupervisedLoop(TimeProvider time, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);

    private readonly WakeSignal _wake = new();
    private volatile bool _running;

    protected TimeProvider Time { get; } = time;

    protected abstract string Name { get; }

    public bool IsRunning => _running;

    public void Wake() => _wake.Wake();

    /// <summary>Runs until stopped; <see cref="SleepAsync"/> waits between rounds.</summary>
    protected abstract Task RunAsync(CancellationToken ct);

    protected Task SleepAsync(TimeSpan wait, CancellationToken ct) => _wake.WaitAsync(wait, Time, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            _running = true;
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _running = false;
                logger.LogCritical(e, "The {Loop} failed; it restarts in {Delay}", Name, RestartDelay);
                await Task.Delay(RestartDelay, CancellationToken.None);
            }
        }
        _running = false;
    }
}

/// <summary>Ready while the loop runs; work waits in the database meanwhile, none is lost.</summary>
public sealed class SupervisedLoopHealthCheck<TLoop>(TLoop loop) : IHealthCheck where TLoop : SupervisedLoop
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(loop.IsRunning
            ? HealthCheckResult.Healthy($"The {typeof(TLoop).Name} is running.")
            : HealthCheckResult.Unhealthy($"The {typeof(TLoop).Name} is not running; its work waits in the database, none is lost."));
}
