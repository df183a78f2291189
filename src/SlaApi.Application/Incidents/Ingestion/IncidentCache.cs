using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents.Ingestion;

/// <summary>An incident as committed with the state <paramref name="Stamp"/> identifies. Never changed: the writer records on a copy.</summary>
/// <param name="Stored">The clocks and outcomes stored with it, when known.</param>
public sealed record CachedIncident(Incident Incident, IncidentStamp Stamp, StoredState? Stored);

/// <summary>
/// Incidents as the event writer last committed them, so that the next event of the same incident needs no reload of
/// its history. Entries change only after a commit, and a failed group forgets every incident it touched. An entry is
/// used only while its stamp equals the one stored (read under the row lock), so an event recorded or a state
/// recomputed by another process (or node) makes it reload. Bounded by the events it holds, which is what its memory grows with: past the bound the least
/// recently used incidents go first. The writer is its only user, so its lock is never contended.
/// </summary>
public sealed class IncidentCache(int maxCachedEvents = IncidentCache.DefaultMaxCachedEvents)
{
    public const int DefaultMaxCachedEvents = 100_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, LinkedListNode<CachedIncident>> _byId = [];
    private readonly LinkedList<CachedIncident> _byRecency = [];
    private long _cachedEvents;

    public CachedIncident? Find(Guid id, IncidentStamp stored)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out var node) || node.Value.Stamp != stored)
                return null;
            _byRecency.Remove(node);
            _byRecency.AddFirst(node);
            return node.Value;
        }
    }

    /// <summary>Keeps <paramref name="incident"/> as committed; the caller must not change it afterwards.</summary>
    /// <param name="stateRevision">The incident's state revision, as read under the lock its events were recorded under.</param>
    public void Remember(Incident incident, int stateRevision, StoredState? stored)
    {
        lock (_lock)
        {
            Remove(incident.Id);
            _byId[incident.Id] = _byRecency.AddFirst(new CachedIncident(incident, new IncidentStamp(incident.Events.Count, stateRevision), stored));
            _cachedEvents += incident.Events.Count;
            while (_cachedEvents > maxCachedEvents && _byRecency.Last is { } oldest)
                Remove(oldest.Value.Incident.Id);
        }
    }

    public void Forget(IEnumerable<Guid> ids)
    {
        lock (_lock)
        {
            foreach (var id in ids)
                Remove(id);
        }
    }

    private void Remove(Guid id)
    {
        if (!_byId.Remove(id, out var node))
            return;
        _byRecency.Remove(node);
        _cachedEvents -= node.Value.Stamp.EventCount;
    }
}
