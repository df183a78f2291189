using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Calendars;

namespace SlaApi.Application.Calendars;

/// <summary>Stored calendar versions. The built-in 24x7 calendar is answered without the database.</summary>
public interface ICalendarRepository
{
    /// <summary>The given version, or the latest when <paramref name="version"/> is null.</summary>
    Task<Calendar?> GetAsync(Guid id, int? version, CancellationToken ct);

    /// <summary>The version in force at <paramref name="at"/>: the last one effective by then, else the first.</summary>
    Task<Calendar?> GetInForceAsync(Guid id, DateTimeOffset at, CancellationToken ct);

    Task<IReadOnlySet<Guid>> FindExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    Task AddAsync(Calendar calendar, CancellationToken ct);

    /// <summary>Stores <paramref name="revised"/> as the latest version; false when another edit got there first.</summary>
    Task<bool> AddVersionAsync(Calendar revised, CancellationToken ct);

    /// <summary>Latest versions, the built-in calendar first.</summary>
    Task<Page<Calendar>> ListAsync(PageRequest page, CancellationToken ct);
}
