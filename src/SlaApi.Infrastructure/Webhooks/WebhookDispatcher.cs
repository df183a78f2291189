using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SlaApi.Infrastructure.Alerts;

namespace SlaApi.Infrastructure.Webhooks;

/// <summary>
/// Delivers the outbox at least once. It claims due deliveries under a lease whenever it has a free send, up to
/// <see cref="WebhookOptions.Concurrency"/> at a time and <see cref="WebhookOptions.ConcurrencyPerReceiver"/> to one
/// receiver, so a receiver that hangs holds only its own share and others' deliveries go out meanwhile; a delivery
/// claimed for a busy receiver is given back at once. Each delivery's run is recorded as soon as it ends, and the leases
/// of those still being sent are renewed, so no other node sends them again while they run. A node that dies mid-send
/// leaves its deliveries leased; they are sent again when the lease runs out, with the same webhook-id, so receivers can
/// drop the repeat. Polls every <see cref="PollInterval"/> and is woken when alerts owe deliveries or a send ends.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookSender sender, WebhookOptions options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    : SupervisedLoop(time, logger)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, ClaimedDelivery> _sending = [];
    private readonly Dictionary<string, int> _perReceiver = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The receiver of each subscription seen with a send under way, so a busy receiver's other subscriptions are left unclaimed.</summary>
    private readonly Dictionary<Guid, string> _receiverOf = [];

    protected override string Name => "webhook dispatcher";

    protected override async Task RunAsync(CancellationToken ct)
    {
        var sends = new List<Task>();
        var renewed = Time.GetUtcNow();
        try
        {
            while (true)
            {
                sends.RemoveAll(s => s.IsCompleted);
                var free = options.Concurrency - sends.Count;
                var (claimed, started) = free > 0 ? await ClaimAsync(free, ct) : (0, []);
                sends.AddRange(started.Select(delivery => SendAsync(delivery, ct)));
                if (Time.GetUtcNow() - renewed >= options.Lease / 3)
                    renewed = await RenewAsync(ct);
                if (claimed < free || free == 0)
                    await SleepAsync(PollInterval, ct);
            }
        }
        finally
        {
            await Task.WhenAll(sends).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    /// <summary>
    /// Claims up to <paramref name="free"/> deliveries, leaving those of subscriptions whose receiver is busy; takes those
    /// whose receiver has room and gives back the rest, whose subscriptions are then left too until the receiver has room.
    /// </summary>
    private async Task<(int Claimed, List<ClaimedDelivery> Started)> ClaimAsync(int free, CancellationToken ct)
    {
        Guid[] saturated, sending;
        lock (_gate)
        {
            saturated = _receiverOf.Where(w => _perReceiver.GetValueOrDefault(w.Value) >= options.ConcurrencyPerReceiver).Select(w => w.Key).ToArray();
            sending = [.. _sending.Keys];
        }
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DeliveryStore>();
        var claimed = await store.ClaimAsync(Time.GetUtcNow(), free, saturated, sending, ct);
        var (busy, started) = (new List<Guid>(), new List<ClaimedDelivery>());
        lock (_gate)
        {
            foreach (var delivery in claimed)
            {
                var receiver = Receiver(delivery);
                _receiverOf[delivery.Webhook.Id] = receiver;
                if (_perReceiver.GetValueOrDefault(receiver) >= options.ConcurrencyPerReceiver)
                {
                    busy.Add(delivery.Id);
                    continue;
                }
                _perReceiver[receiver] = _perReceiver.GetValueOrDefault(receiver) + 1;
                _sending[delivery.Id] = delivery;
                started.Add(delivery);
            }
        }
        await store.ReleaseAsync(busy, Time.GetUtcNow(), ct);
        return (claimed.Count, started);
    }

    private async Task<DateTimeOffset> RenewAsync(CancellationToken ct)
    {
        Guid[] sending;
        lock (_gate)
            sending = [.. _sending.Keys];
        var now = Time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliveryStore>().RenewAsync(sending, now, ct);
        return now;
    }

    /// <summary>Sends one delivery and records its run at once; a failure to record leaves it leased, to be sent again.</summary>
    private async Task SendAsync(ClaimedDelivery delivery, CancellationToken ct)
    {
        try
        {
            SendResult? result = null;
            if (delivery.Webhook.DeletedAt is null && delivery.Webhook.DisabledAt is null)
            {
                result = await sender.SendAsync(delivery.Outgoing(Time.GetUtcNow()), ct);
                if (result.Outcome != SendOutcome.Delivered)
                    logger.LogWarning("Delivery {DeliveryId} to webhook {WebhookId} ended {Outcome} after {Attempts} attempts",
                        delivery.Id, delivery.Webhook.Id, result.Outcome, result.Attempts.Count);
            }
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DeliveryStore>().RecordAsync([(delivery, result)], Time.GetUtcNow(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Delivery {DeliveryId} could not be recorded; it is sent again when its lease runs out", delivery.Id);
        }
        finally
        {
            lock (_gate)
            {
                _sending.Remove(delivery.Id);
                var receiver = Receiver(delivery);
                if (--_perReceiver[receiver] == 0)
                {
                    _perReceiver.Remove(receiver);
                    foreach (var webhook in _receiverOf.Where(w => w.Value == receiver).Select(w => w.Key).ToArray())
                        _receiverOf.Remove(webhook);
                }
            }
            Wake();
        }
    }

    private static string Receiver(ClaimedDelivery delivery) =>
        Uri.TryCreate(delivery.Webhook.Url, UriKind.Absolute, out var url) ? $"{url.Scheme}://{url.Authority}" : delivery.Webhook.Url;
}
