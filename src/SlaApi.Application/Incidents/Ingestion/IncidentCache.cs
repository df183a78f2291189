using System.Collections.Concurrent;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents.Ingestion;

/// <param name="Stored">The state stored with <paramref name="StoredEventCount"/> events, when known.</param>
public sealed record CachedIncident(Incident Incident, int StoredEventCount, StoredState? Stored);

/// <summary>
/// Incidents the event writer has just written, so that the next event of the same incident needs no reload of its
/// history. A cached incident is used only while its event count equals the one stored (read under the row lock),
/// so a write by another process, or a rolled-back one, makes it reload. Bounded by the events it holds, which is
/// what its memory grows with; past the bound it starts afresh.
/// </summary>
public sealed class IncidentCache
{
    private const int MaxCachedEvents = 100_000;
    private readonly ConcurrentDictionary<Guid, CachedIncident> _incidents = new();
    private long _cachedEvents;

    public CachedIncident? Find(Guid id, int storedEventCount) =>
        _incidents.TryGetValue(id, out var cached) && cached.StoredEventCount == storedEventCount ? cached : null;

    /// <param name="stored">The state now stored, or null when the store was not written.</param>
    public void Remember(Incident incident, StoredState? stored)
    {
        if (Interlocked.Read(ref _cachedEvents) >= MaxCachedEvents)
        {
            _incidents.Clear();
            Interlocked.Exchange(ref _cachedEvents, 0);
        }
        var previous = _incidents.GetValueOrDefault(incident.Id);
        _incidents[incident.Id] = new CachedIncident(incident, incident.Events.Count, stored ?? (previous?.Incident == incident ? previous.Stored : null));
        Interlocked.Add(ref _cachedEvents, incident.Events.Count - (previous?.StoredEventCount ?? 0));
    }
}
