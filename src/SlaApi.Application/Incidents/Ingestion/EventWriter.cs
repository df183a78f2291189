using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SlaApi.Application.Incidents.Ingestion;

/// <summary>
/// Group commit. Requests queue their events; one loop takes everything waiting (up to
/// <see cref="MaxEventsPerCommit"/>) into a single transaction, commits it once, and only then answers each
/// request. Durability is untouched (every acknowledgement follows a real commit); the cost of a commit is shared.
/// </summary>
public sealed class EventWriter : IAsyncDisposable
{
    public const int MaxEventsPerCommit = 2_000;

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(20_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<EventWriter> _logger;
    private readonly Task _loop;

    public EventWriter(IServiceScopeFactory scopes, ILogger<EventWriter> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public async Task<EventOutcome[]> SubmitAsync(IReadOnlyList<EventSubmission> submissions, bool withIncidents, CancellationToken ct)
    {
        var pending = new Pending(submissions, withIncidents, new TaskCompletionSource<EventOutcome[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, ct);
        // Once queued the events will be committed whether or not the caller still waits; the answer reflects that.
        return await pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        while (await _queue.Reader.WaitToReadAsync())
        {
            var batch = new List<Pending>();
            var events = 0;
            while (events < MaxEventsPerCommit && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                events += pending.Submissions.Count;
            }
            if (!await TryCommitAsync(batch) && batch.Count > 1)
            {
                // One request's failure must not fail the others it was grouped with.
                foreach (var pending in batch)
                    await TryCommitAsync([pending]);
            }
        }
    }

    private async Task<bool> TryCommitAsync(IReadOnlyList<Pending> batch)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var processor = scope.ServiceProvider.GetRequiredService<EventBatchProcessor>();
            var outcomes = await processor.ProcessAsync(batch.SelectMany(p => p.Submissions).ToArray(), batch.Any(p => p.WithIncidents), CancellationToken.None);
            var offset = 0;
            foreach (var pending in batch)
            {
                pending.Done.SetResult(outcomes[offset..(offset + pending.Submissions.Count)]);
                offset += pending.Submissions.Count;
            }
            return true;
        }
        catch (Exception e)
        {
            if (batch.Count == 1)
            {
                _logger.LogError(e, "Recording {Count} events failed; nothing of them was committed", batch[0].Submissions.Count);
                batch[0].Done.SetException(e);
            }
            return false;
        }
    }

    private sealed record Pending(IReadOnlyList<EventSubmission> Submissions, bool WithIncidents, TaskCompletionSource<EventOutcome[]> Done);
}
