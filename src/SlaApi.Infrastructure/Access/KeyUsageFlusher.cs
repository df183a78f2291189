using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Persistence;

namespace SlaApi.Infrastructure.Access;

/// <summary>
/// Writes the keys' last use every <see cref="FlushInterval"/>, all in one transaction, off the request path. A flush
/// that fails keeps the use for the next one; stopping flushes what is left.
/// </summary>
public sealed class KeyUsageFlusher(KeyUsageLog usage, IServiceScopeFactory scopes, ILogger<KeyUsageFlusher> logger) : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(10);

    private volatile bool _running;
    private volatile bool _lastFlushFailed;

    public bool IsRunning => _running;

    public bool LastFlushFailed => _lastFlushFailed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _running = true;
        try
        {
            using var timer = new PeriodicTimer(FlushInterval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushAsync();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await FlushAsync();
            _running = false;
        }
    }

    /// <returns>False when the use could not be written; it is kept for the next flush.</returns>
    public async Task<bool> FlushAsync()
    {
        var pending = usage.TakePending();
        if (pending.Count == 0)
            return true;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var keys = scope.ServiceProvider.GetRequiredService<IApiKeyRepository>();
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginAsync(CancellationToken.None);
            foreach (var (keyId, usedAt) in pending.OrderBy(p => p.Key))
                await keys.TouchAsync(keyId, usedAt, CancellationToken.None);
            await unitOfWork.CommitAsync(CancellationToken.None);
            _lastFlushFailed = false;
            return true;
        }
        catch (Exception e)
        {
            usage.Restore(pending);
            _lastFlushFailed = true;
            logger.LogWarning(e, "The last use of {Count} keys could not be written; it is kept for the next flush", pending.Count);
            return false;
        }
    }
}

/// <summary>Ready while the flusher runs; degraded while its writes fail (keys still work, their last use waits).</summary>
public sealed class KeyUsageFlusherHealthCheck(KeyUsageFlusher flusher) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!flusher.IsRunning ? HealthCheckResult.Unhealthy("The key-usage flusher is not running.")
            : flusher.LastFlushFailed ? HealthCheckResult.Degraded("The keys' last use could not be written; it is kept and retried.")
            : HealthCheckResult.Healthy("The key-usage flusher is running."));
}
