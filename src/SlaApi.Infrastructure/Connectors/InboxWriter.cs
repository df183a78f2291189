using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Common.Persistence;
using SlaApi.Application.Connectors;
using SlaApi.Infrastructure.Alerts;

namespace SlaApi.Infrastructure.Connectors;

/// <summary>
/// Group commit of received deliveries, as the event writer does for events (ADR-004): requests queue their delivery,
/// one loop stores everything waiting (up to <see cref="MaxPerCommit"/>) in one transaction and only then answers
/// each. A full queue or a loop that is not running refuses at once, before anything is queued, so the tool retries.
/// </summary>
public sealed class InboxWriter(
    IServiceScopeFactory scopes, InboundProcessor processor, InboxActivity activity, InboundOptions options, TimeProvider time, ILogger<InboxWriter> logger)
    : SupervisedLoop(time, logger), IInbox
{
    public const int MaxPerCommit = 500;
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly Channel<(InboundDelivery Delivery, TaskCompletionSource Stored)> _queue =
        Channel.CreateUnbounded<(InboundDelivery, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    protected override string Name => "inbox writer";

    public Task StoreAsync(InboundDelivery delivery, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!IsRunning)
            throw new ServiceUnavailableException("The inbox is not running; nothing was stored.", RetryAfter);
        if (activity.Arrived() > options.MaxQueuedDeliveries)
        {
            activity.Left(1);
            throw new ServiceUnavailableException($"The inbox has {options.MaxQueuedDeliveries} deliveries waiting to be stored; nothing was stored.", RetryAfter);
        }
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((delivery, stored)))
        {
            activity.Left(1);
            throw new ServiceUnavailableException("The inbox is stopping; nothing was stored.", RetryAfter);
        }
        return stored.Task;
    }

    protected override async Task RunAsync(CancellationToken ct)
    {
        var batch = new List<(InboundDelivery Delivery, TaskCompletionSource Stored)>(MaxPerCommit);
        while (await _queue.Reader.WaitToReadAsync(ct))
        {
            while (batch.Count < MaxPerCommit && _queue.Reader.TryRead(out var item))
                batch.Add(item);
            try
            {
                await CommitAsync(batch, ct);
                batch.ForEach(item => item.Stored.TrySetResult());
                processor.Wake();
            }
            catch (Exception e)
            {
                // Nothing of the batch is acknowledged: each request answers 503 and the tool sends it again.
                batch.ForEach(item => item.Stored.TrySetException(new ServiceUnavailableException("The delivery could not be stored; nothing was stored.", RetryAfter)));
                if (e is not OperationCanceledException)
                    throw;
            }
            finally
            {
                activity.Left(batch.Count);
                batch.Clear();
            }
        }
    }

    private async Task CommitAsync(List<(InboundDelivery Delivery, TaskCompletionSource Stored)> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var inbox = scope.ServiceProvider.GetRequiredService<IInboundRepository>();
        await unitOfWork.BeginAsync(ct);
        try
        {
            foreach (var (delivery, _) in batch)
                await inbox.AddAsync(delivery, ct);
            await unitOfWork.CommitAsync(ct);
        }
        catch
        {
            await unitOfWork.RollbackAsync(CancellationToken.None);
            throw;
        }
    }
}
