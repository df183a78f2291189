namespace SlaApi.Infrastructure.Incidents.Ingestion;

/// <summary>The <c>Ingestion</c> settings.</summary>
public sealed class EventWriterOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Events that may wait for the writer; past this a request is refused at once with 503 and Retry-After.</summary>
    public int MaxQueuedEvents { get; set; } = 20_000;

    /// <summary>The share of <see cref="MaxQueuedEvents"/> one key may hold, so that one busy integration cannot starve the others.</summary>
    public int MaxQueuedEventsPerKey { get; set; } = 10_000;
}
