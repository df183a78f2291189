using System.Collections.Concurrent;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents.Ingestion;

/// <summary>An incident as committed with <paramref name="StoredEventCount"/> events. Never changed: the writer records on a copy.</summary>
/// <param name="Stored">The clocks and outcomes stored with it, when known.</param>
public sealed record CachedIncident(Incident Incident, int StoredEventCount, StoredState? Stored);

/// <summary>
/// Incidents as the event writer last committed them, so that the next event of the same incident needs no reload of
/// its history. Entries change only after a commit, and a failed group forgets every incident it touched. An entry is
/// used only while its event count equals the one stored (read under the row lock), so a write by another process
/// makes it reload. Bounded by the events it holds, which is what its memory grows with; past the bound it starts afresh.
/// </summary>
public sealed class IncidentCache
{
    private const int MaxCachedEvents = 100_000;
    private readonly ConcurrentDictionary<Guid, CachedIncident> _incidents = new();
    private long _cachedEvents;

    public CachedIncident? Find(Guid id, int storedEventCount) =>
        _incidents.TryGetValue(id, out var cached) && cached.StoredEventCount == storedEventCount ? cached : null;

    /// <summary>Keeps <paramref name="incident"/> as committed; the caller must not change it afterwards.</summary>
    public void Remember(Incident incident, StoredState? stored)
    {
        if (Interlocked.Read(ref _cachedEvents) >= MaxCachedEvents)
        {
            _incidents.Clear();
            Interlocked.Exchange(ref _cachedEvents, 0);
        }
        var previous = _incidents.GetValueOrDefault(incident.Id);
        _incidents[incident.Id] = new CachedIncident(incident, incident.Events.Count, stored);
        Interlocked.Add(ref _cachedEvents, incident.Events.Count - (previous?.StoredEventCount ?? 0));
    }

    public void Forget(IEnumerable<Guid> ids)
    {
        foreach (var id in ids)
        {
            if (_incidents.TryRemove(id, out var removed))
                Interlocked.Add(ref _cachedEvents, -removed.StoredEventCount);
        }
    }
}
