using System.Collections.Concurrent;
using SlaApi.Domain.Calendars;

namespace SlaApi.Application.Calendars;

/// <summary>
/// Calendar versions are immutable, so a version once read can serve every later request, and with it the
/// engine's year layouts that it has built. Bounded: past the limit it starts afresh rather than grow.
/// </summary>
public sealed class CalendarVersionCache
{
    private const int MaxEntries = 2_000;

    private readonly ConcurrentDictionary<(Guid Id, int Version), Calendar> _versions = new();

    public Calendar Intern(Calendar calendar)
    {
        if (_versions.Count >= MaxEntries)
            _versions.Clear();
        return _versions.GetOrAdd((calendar.Id, calendar.Version), calendar);
    }
}
