using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SlaApi.Infrastructure.Alerts;

namespace SlaApi.Infrastructure.Webhooks;

/// <summary>
/// Delivers the outbox at least once: it claims due deliveries under a lease, sends them (up to
/// <see cref="WebhookOptions.Concurrency"/> at a time), and records each run as it ends. A node that dies mid-send leaves
/// its deliveries leased; they are sent again when the lease runs out, with the same webhook-id, so receivers can drop
/// the repeat. Polls every <see cref="PollInterval"/> and is woken when this node's alerts owe deliveries.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookSender sender, WebhookOptions options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);

    private readonly WakeSignal _wake = new();
    private volatile bool _running;

    public bool IsRunning => _running;

    public void Wake() => _wake.Wake();

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
                logger.LogCritical(e, "The webhook dispatcher failed; it restarts in {Delay}", RestartDelay);
                await Task.Delay(RestartDelay, CancellationToken.None);
            }
        }
        _running = false;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var take = options.Concurrency * 2;
        while (true)
        {
            IReadOnlyList<ClaimedDelivery> claimed;
            await using (var scope = scopes.CreateAsyncScope())
                claimed = await scope.ServiceProvider.GetRequiredService<DeliveryStore>().ClaimAsync(time.GetUtcNow(), take, ct);
            if (claimed.Count > 0)
                await DeliverAsync(claimed, ct);
            if (claimed.Count < take)
                await _wake.WaitAsync(PollInterval, time, ct);
        }
    }

    /// <summary>Sends the claimed deliveries, up to <see cref="WebhookOptions.Concurrency"/> at a time, and records every run in one transaction.</summary>
    private async Task DeliverAsync(IReadOnlyList<ClaimedDelivery> claimed, CancellationToken ct)
    {
        var runs = new (ClaimedDelivery Delivery, SendResult? Result)[claimed.Count];
        await Parallel.ForAsync(0, claimed.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct }, async (i, token) =>
        {
            var delivery = claimed[i];
            if (delivery.Webhook.DeletedAt is not null || delivery.Webhook.DisabledAt is not null)
            {
                runs[i] = (delivery, null);
                return;
            }
            var result = await sender.SendAsync(delivery.Outgoing(time.GetUtcNow()), token);
            if (result.Outcome != SendOutcome.Delivered)
                logger.LogWarning("Delivery {DeliveryId} to webhook {WebhookId} ended {Outcome} after {Attempts} attempts", delivery.Id, delivery.Webhook.Id, result.Outcome, result.Attempts.Count);
            runs[i] = (delivery, result);
        });
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliveryStore>().RecordAsync(runs, time.GetUtcNow(), ct);
    }
}

public sealed class WebhookDispatcherHealthCheck(WebhookDispatcher dispatcher) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(dispatcher.IsRunning
            ? HealthCheckResult.Healthy("The webhook dispatcher is running.")
            : HealthCheckResult.Unhealthy("The webhook dispatcher is not running; deliveries wait in the outbox, none is lost."));
}
