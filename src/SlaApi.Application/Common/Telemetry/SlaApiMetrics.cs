using System.Diagnostics;
using System.Diagnostics.Metrics;
using SlaApi.Application.Incidents.Ingestion;

namespace SlaApi.Application.Common.Telemetry;

/// <summary>
/// SlaApi's own instruments, on the meter <see cref="MeterName"/>. Each is recorded only once what it counts is
/// committed, so a batch that fails and is retried one request at a time is not counted twice.
/// </summary>
public sealed class SlaApiMetrics
{
    public const string MeterName = "SlaApi";

    private readonly Meter _meter;
    private readonly Counter<long> _eventsIngested;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _clocksBreached;

    public SlaApiMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _eventsIngested = _meter.CreateCounter<long>("slaapi.events.ingested", "{event}",
            "Events the writer answered after its commit, by outcome: recorded, duplicate (a resend) or refused.");
        _batchSize = _meter.CreateHistogram<int>("slaapi.writer.batch.size", "{event}",
            "Events in one group commit of the writer.", advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000] });
        _commitDuration = _meter.CreateHistogram<double>("slaapi.writer.commit.duration", "s",
            "Time from the writer taking a batch to its commit.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _clocksBreached = _meter.CreateCounter<long>("slaapi.clocks.breached", "{clock}",
            "Clocks stopped after their due instant (a late response or resolution), counted once committed.");
    }

    /// <summary>Observes the writer's queue: events accepted and not yet taken into a commit.</summary>
    public void ObserveQueueDepth(Func<int> queuedEvents) =>
        _meter.CreateObservableUpDownCounter("slaapi.writer.queue.depth", queuedEvents, "{event}", "Events waiting for the writer.");

    public void BatchCommitted(IReadOnlyList<EventOutcome> outcomes, TimeSpan duration)
    {
        _batchSize.Record(outcomes.Count);
        _commitDuration.Record(duration.TotalSeconds);
        int recorded = 0, duplicates = 0;
        foreach (var outcome in outcomes)
        {
            if (outcome.Status == EventOutcome.Recorded)
                recorded++;
            else if (outcome.Status == EventOutcome.AlreadyRecorded)
                duplicates++;
        }
        Ingested(recorded, "recorded");
        Ingested(duplicates, "duplicate");
        Ingested(outcomes.Count - recorded - duplicates, "refused");
    }

    private void Ingested(int events, string outcome)
    {
        if (events > 0)
            _eventsIngested.Add(events, new KeyValuePair<string, object?>("slaapi.event.outcome", outcome));
    }

    public void ClocksBreached(int clocks)
    {
        if (clocks > 0)
            _clocksBreached.Add(clocks);
    }
}

/// <summary>SlaApi's own spans, on the activity source <see cref="SourceName"/>.</summary>
public static class SlaApiActivities
{
    public const string SourceName = "SlaApi";

    public static readonly ActivitySource Source = new(SourceName);
}
