using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SlaApi.Infrastructure.Alerts;

namespace SlaApi.Infrastructure.Webhooks;

/// <summary>
/// Delivers the outbox at least once: it claims due deliveries under a lease, sends them (up to
/// <see cref="WebhookOptions.Concurrency"/> at a time), and records the runs of each claimed batch together. A node that dies mid-send leaves
/// its deliveries leased; they are sent again when the lease runs out, with the same webhook-id, so receivers can drop
/// the repeat. Polls every <see cref="PollInterval"/> and is woken when this node's alerts owe deliveries.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookSender sender, WebhookOptions options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    : SupervisedLoop(time, logger)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    protected override string Name => "webhook dispatcher";

    protected override async Task RunAsync(CancellationToken ct)
    {
        var take = options.Concurrency * 2;
        while (true)
        {
            IReadOnlyList<ClaimedDelivery> claimed;
            await using (var scope = scopes.CreateAsyncScope())
                claimed = await scope.ServiceProvider.GetRequiredService<DeliveryStore>().ClaimAsync(Time.GetUtcNow(), take, ct);
            if (claimed.Count > 0)
                await DeliverAsync(claimed, ct);
            if (claimed.Count < take)
                await SleepAsync(PollInterval, ct);
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
            var result = await sender.SendAsync(delivery.Outgoing(Time.GetUtcNow()), token);
            if (result.Outcome != SendOutcome.Delivered)
                logger.LogWarning("Delivery {DeliveryId} to webhook {WebhookId} ended {Outcome} after {Attempts} attempts", delivery.Id, delivery.Webhook.Id, result.Outcome, result.Attempts.Count);
            runs[i] = (delivery, result);
        });
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliveryStore>().RecordAsync(runs, Time.GetUtcNow(), ct);
    }
}
