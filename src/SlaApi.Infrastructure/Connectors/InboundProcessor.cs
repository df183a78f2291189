using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SlaApi.Application.Connectors;
using SlaApi.Infrastructure.Alerts;

namespace SlaApi.Infrastructure.Connectors;

/// <summary>
/// Works through the inbox in arrival order, one delivery after another so that a ticket's versions are compared in
/// the order they came. Each round holds one connection under a lease, so no other node processes its tickets
/// meanwhile, and takes its deliveries, each under a lease too: if this node dies mid-way, the connection and its
/// deliveries are taken over once the leases run out, and the events, named after their delivery, are not recorded
/// twice. Woken when a delivery is stored. While deliveries arrive it gives way to storing them (SQLite has one write
/// lock, and both need the cores), processing at least one every <see cref="InboundOptions.LongestGiveWay"/>.
/// </summary>
public sealed class InboundProcessor(
    IServiceScopeFactory scopes, ConnectionCache connections, InboxActivity receiving, InboundOptions options, TimeProvider time,
    ILogger<InboundProcessor> logger)
    : SupervisedLoop(time, logger)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Who holds the connections this processor works on, among the nodes sharing the database.</summary>
    private readonly Guid _holder = Guid.NewGuid();

    protected override string Name => "inbound processor";

    protected override async Task RunAsync(CancellationToken ct)
    {
        var take = Math.Max(1, options.BatchSize);
        while (true)
        {
            IReadOnlyList<InboundDelivery> claimed;
            var claimedAt = Time.GetUtcNow();
            await using (var scope = scopes.CreateAsyncScope())
                claimed = await Inbox(scope).ClaimAsync(_holder, claimedAt, claimedAt + options.Lease, take, ct);
            if (claimed.Count > 0)
                await ProcessClaimedAsync(claimed, claimedAt, ct);
            if (claimed.Count < take)
                await SleepAsync(PollInterval, ct);
        }
    }

    private async Task ProcessClaimedAsync(IReadOnlyList<InboundDelivery> claimed, DateTimeOffset claimedAt, CancellationToken ct)
    {
        var connectionId = claimed[0].ConnectionId;
        var renewedAt = claimedAt;
        var processed = 0;
        try
        {
            for (; processed < claimed.Count; processed++)
            {
                await receiving.GiveWayAsync(options.LongestGiveWay, ct);
                if (Time.GetUtcNow() - renewedAt > options.Lease / 2)
                {
                    renewedAt = Time.GetUtcNow();
                    await using var scope = scopes.CreateAsyncScope();
                    if (!await Inbox(scope).RenewAsync(_holder, connectionId, renewedAt + options.Lease, ct))
                    {
                        logger.LogWarning("The lease on connection {ConnectionId} ran out and another node took it; it processes the rest.", connectionId);
                        return;
                    }
                }
                await ProcessAsync(claimed[processed], ct);
            }
        }
        catch
        {
            // The rest go back at once, so that later deliveries of a ticket are not processed before them.
            await using var scope = scopes.CreateAsyncScope();
            await Inbox(scope).ReleaseAsync(claimed.Skip(processed + 1).Select(d => d.Id).ToArray(), CancellationToken.None);
            throw;
        }
        finally
        {
            await using var scope = scopes.CreateAsyncScope();
            await Inbox(scope).LetGoAsync(_holder, connectionId, CancellationToken.None);
        }
    }

    private static IInboundRepository Inbox(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<IInboundRepository>();

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
