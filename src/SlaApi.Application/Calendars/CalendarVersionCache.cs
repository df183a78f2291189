using BitFaster.Caching.Lru;
using SlaApi.Domain.Calendars;

namespace SlaApi.Application.Calendars;

/// <summary>
/// Calendar versions are immutable, so a version once read can serve every later request, and with it the
/// engine's year layouts that it has built. Bounded by count, least recently used first out; each calendar bounds
/// its own layouts, so the two limits bound the memory of both.
/// </summary>
public sealed class CalendarVersionCache
{
    public const int Capacity = 128;

    private readonly FastConcurrentLru<(Guid Id, int Version), Calendar> _versions = new(Capacity);

    public Calendar Intern(Calendar calendar) => _versions.GetOrAdd((calendar.Id, calendar.Version), static (_, c) => c, calendar);
}
