using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Common.Telemetry;
using SlaApi.Application.Incidents.Ingestion;

namespace SlaApi.Infrastructure.Incidents.Ingestion;

/// <summary>
/// Group commit (ADR-004). Requests queue their events; one loop takes everything waiting (up to
/// <see cref="MaxEventsPerCommit"/>) into a single transaction, commits it once, and only then answers each request.
/// A full queue or a writer that is not running refuses at once, before anything is queued. The loop keeps one
/// session (connection and prepared statements) between commits and opens a new one after any failure; if the loop
/// itself fails it is logged and restarted, and <see cref="IsRunning"/> is false (so the API is not ready) meanwhile.
/// Stopping takes no new events and commits every queued one first. Each commit is a span linked to the requests
/// whose events it holds, so a request can be followed into the commit that answered it.
/// </summary>
public sealed class EventWriter(IServiceScopeFactory scopes, EventWriterOptions options, SlaApiMetrics metrics, ILogger<EventWriter> logger)
    : BackgroundService, IEventWriter
{
    public const int MaxEventsPerCommit = 2_000;
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private AsyncServiceScope? _session;
    private readonly ConcurrentDictionary<string, int> _queuedBySubmitter = new(StringComparer.Ordinal);
    private int _queuedEvents;
    private volatile bool _running;

    public bool IsRunning => _running;

    public Task<EventOutcome[]> SubmitAsync(IReadOnlyList<EventSubmission> submissions, bool withIncidents, string submitter, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!_running)
            throw new ServiceUnavailableException("The event writer is not running; nothing was recorded.", RetryAfter);
        if (_queuedBySubmitter.AddOrUpdate(submitter, submissions.Count, (_, queued) => queued + submissions.Count) > options.MaxQueuedEventsPerKey)
        {
            Dequeued(submitter, submissions.Count);
            throw new ServiceUnavailableException(
                $"This key has {options.MaxQueuedEventsPerKey} events waiting for the writer, its share; nothing was recorded.", RetryAfter);
        }
        if (Interlocked.Add(ref _queuedEvents, submissions.Count) > options.MaxQueuedEvents)
        {
            Interlocked.Add(ref _queuedEvents, -submissions.Count);
            Dequeued(submitter, submissions.Count);
            throw new ServiceUnavailableException($"The event writer has {options.MaxQueuedEvents} events waiting; nothing was recorded.", RetryAfter);
        }
        var pending = new Pending(submissions, withIncidents, submitter, Activity.Current?.Context, new TaskCompletionSource<EventOutcome[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Add(ref _queuedEvents, -submissions.Count);
            Dequeued(submitter, submissions.Count);
            throw new ServiceUnavailableException("The event writer is stopping; nothing was recorded.", RetryAfter);
        }
        // Once queued the events will be committed whether or not the caller still waits; the answer reflects that.
        return pending.Done.Task;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveQueueDepth(() => Volatile.Read(ref _queuedEvents));
        while (true)
        {
            _running = true;
            try
            {
                await DrainAsync();
                break;
            }
            catch (Exception e)
            {
                _running = false;
                logger.LogCritical(e, "The event writer failed; it restarts in {Delay}", RestartDelay);
                await EndSessionAsync();
                if (stoppingToken.IsCancellationRequested)
                    break;
                await Task.Delay(RestartDelay, CancellationToken.None);
            }
        }
        _running = false;
        await EndSessionAsync();
        while (_queue.Reader.TryRead(out var left))
            left.Done.TrySetException(new ServiceUnavailableException("The event writer stopped; nothing was recorded.", RetryAfter));
    }

    /// <summary>Commits what is queued until the queue is completed and empty.</summary>
    private async Task DrainAsync()
    {
        while (await _queue.Reader.WaitToReadAsync())
        {
            var batch = new List<Pending>();
            var events = 0;
            while (events < MaxEventsPerCommit && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                events += pending.Submissions.Count;
                Dequeued(pending.Submitter, pending.Submissions.Count);
            }
            Interlocked.Add(ref _queuedEvents, -events);
            try
            {
                if (!await TryCommitAsync(batch) && batch.Count > 1)
                {
                    // One request's failure must not fail the others it was grouped with.
                    foreach (var pending in batch)
                        await TryCommitAsync([pending]);
                }
            }
            finally
            {
                foreach (var pending in batch)
                    pending.Done.TrySetException(new InvalidOperationException("The event writer failed before answering; resend the events."));
            }
        }
    }

    private async Task<bool> TryCommitAsync(IReadOnlyList<Pending> batch)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = StartCommitSpan(batch);
        try
        {
            _session ??= scopes.CreateAsyncScope();
            var processor = _session.Value.ServiceProvider.GetRequiredService<EventBatchProcessor>();
            var submissions = batch.Count == 1 ? batch[0].Submissions : batch.SelectMany(p => p.Submissions).ToArray();
            var outcomes = await processor.ProcessAsync(submissions, batch.Any(p => p.WithIncidents), CancellationToken.None);
            metrics.BatchCommitted(outcomes, Stopwatch.GetElapsedTime(started));
            var offset = 0;
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult(outcomes[offset..(offset + pending.Submissions.Count)]);
                offset += pending.Submissions.Count;
            }
            return true;
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            // The session's connection may be broken: the next attempt opens a new one.
            await EndSessionAsync();
            if (batch.Count == 1)
            {
                logger.LogError(e, "Recording {Count} events failed; nothing of them was committed", batch[0].Submissions.Count);
                batch[0].Done.TrySetException(e);
            }
            return false;
        }
    }

    private static Activity? StartCommitSpan(IReadOnlyList<Pending> batch)
    {
        if (!SlaApiActivities.Source.HasListeners())
            return null;
        var links = batch.Where(p => p.Request is not null).Select(p => new ActivityLink(p.Request!.Value));
        var span = SlaApiActivities.Source.StartActivity(ActivityKind.Internal, parentContext: default, links: links, name: "writer.commit");
        span?.SetTag("slaapi.writer.batch.size", batch.Sum(p => p.Submissions.Count));
        span?.SetTag("slaapi.writer.batch.requests", batch.Count);
        return span;
    }

    private async Task EndSessionAsync()
    {
        if (_session is { } session)
        {
            _session = null;
            await session.DisposeAsync();
        }
    }

    private void Dequeued(string submitter, int events)
    {
        if (_queuedBySubmitter.AddOrUpdate(submitter, 0, (_, queued) => queued - events) == 0)
            _queuedBySubmitter.TryRemove(KeyValuePair.Create(submitter, 0));
    }

    private sealed record Pending(
        IReadOnlyList<EventSubmission> Submissions, bool WithIncidents, string Submitter, ActivityContext? Request,
        TaskCompletionSource<EventOutcome[]> Done);
}
