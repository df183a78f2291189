using System.Collections.Concurrent;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents.Ingestion;

/// <summary>
/// Incidents the event writer has just written, so that the next event of the same incident needs no reload of its
/// history. A cached incident is used only while its event count equals the one stored (read under the row lock),
/// so a write by another process, or a rolled-back one, makes it reload.
/// </summary>
public sealed class IncidentCache
{
    private const int MaxEntries = 20_000;
    private readonly ConcurrentDictionary<Guid, Incident> _incidents = new();

    public Incident? Find(Guid id, int storedEventCount) =>
        _incidents.TryGetValue(id, out var incident) && incident.Events.Count == storedEventCount ? incident : null;

    public void Remember(Incident incident)
    {
        if (_incidents.Count >= MaxEntries)
            _incidents.Clear();
        _incidents[incident.Id] = incident;
    }
}
