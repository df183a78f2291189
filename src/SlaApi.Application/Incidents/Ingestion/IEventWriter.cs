namespace SlaApi.Application.Incidents.Ingestion;

/// <summary>Where events are recorded: each answer comes only after its events are committed.</summary>
public interface IEventWriter
{
    /// <summary>Records the events, each with its own outcome, in the order given.</summary>
    /// <param name="submitter">The key sending them: no key may hold more than its share of the queue.</param>
    /// <exception cref="Common.Exceptions.ServiceUnavailableException">
    /// The writer is not running, its queue is full or the submitter holds its share of it; nothing was queued.
    /// </exception>
    Task<EventOutcome[]> SubmitAsync(IReadOnlyList<EventSubmission> submissions, bool withIncidents, string submitter, CancellationToken ct);
}
