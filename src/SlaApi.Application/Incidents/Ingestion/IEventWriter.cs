namespace SlaApi.Application.Incidents.Ingestion;

/// <summary>Where events are recorded: each answer comes only after its events are committed.</summary>
public interface IEventWriter
{
    /// <summary>Records the events, each with its own outcome, in the order given.</summary>
    /// <exception cref="Common.Exceptions.ServiceUnavailableException">
    /// The writer is not running or its queue is full; nothing was queued.
    /// </exception>
    Task<EventOutcome[]> SubmitAsync(IReadOnlyList<EventSubmission> submissions, bool withIncidents, CancellationToken ct);
}
