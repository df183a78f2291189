using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SlaApi.Application.Connectors;
using SlaApi.Infrastructure.Alerts;

namespace SlaApi.Infrastructure.Connectors;

/// <summary>
/// Works through the inbox in arrival order, one delivery after another so that a ticket's versions are compared in
/// the order they came. A delivery is claimed under a lease: if this node dies mid-way, it is processed again once the
/// lease runs out, and its events, named after it, are not recorded twice. Woken when a delivery is stored. While
/// deliveries arrive it gives way to storing them (SQLite has one write lock, and both need the cores), processing
/// at least one every <see cref="InboundOptions.LongestGiveWay"/>.
/// </summary>
public sealed class InboundProcessor(
    IServiceScopeFactory scopes, ConnectionCache connections, InboxActivity receiving, InboundOptions options, TimeProvider time,
    ILogger<InboundProcessor> logger)
    : SupervisedLoop(time, logger)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override string Name => "inbound processor";

    protected override async Task RunAsync(CancellationToken ct)
    {
        var take = Math.Max(1, options.BatchSize);
        while (true)
        {
            IReadOnlyList<InboundDelivery> claimed;
            var now = Time.GetUtcNow();
            await using (var scope = scopes.CreateAsyncScope())
                claimed = await scope.ServiceProvider.GetRequiredService<IInboundRepository>().ClaimAsync(now, now + options.Lease, take, ct);
            for (var i = 0; i < claimed.Count; i++)
            {
                try
                {
                    await receiving.GiveWayAsync(options.LongestGiveWay, ct);
                    await ProcessAsync(claimed[i], ct);
                }
                catch
                {
                    // The rest go back at once, so that later deliveries of a ticket are not processed before them.
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<IInboundRepository>().ReleaseAsync(claimed.Skip(i + 1).Select(d => d.Id).ToArray(), CancellationToken.None);
                    throw;
                }
            }
            if (claimed.Count < take)
                await SleepAsync(PollInterval, ct);
        }
    }

    private async Task ProcessAsync(InboundDelivery delivery, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var inbox = services.GetRequiredService<IInboundRepository>();
        var connection = await connections.GetAsync(delivery.ConnectionId, services.GetRequiredService<IConnectionRepository>(), Time.GetUtcNow(), ct);
        if (connection is null)
        {
            await inbox.CompleteAsync(delivery.Id, new DeliveryResult(InboundStatus.Ignored, "The connection was deleted.", null, []), Time.GetUtcNow(), ct);
            return;
        }
        if (delivery.Attempts > options.MaxAttempts)
        {
            await inbox.CompleteAsync(delivery.Id, new DeliveryResult(InboundStatus.Failed,
                $"Processing failed {options.MaxAttempts} times; the log holds the errors. Reprocess it once the cause is mended.", null, []), Time.GetUtcNow(), ct);
            return;
        }
        var result = await services.GetRequiredService<DeliveryProcessor>().ProcessAsync(connection, delivery, ct);
        if (result.Status is InboundStatus.Unmapped or InboundStatus.Failed)
            logger.LogWarning("Delivery {DeliveryId} of connection {ConnectionId} is {Status}: {Reason}", delivery.Id, connection.Id, result.Status, result.Reason);
    }
}
