using NodaTime;
using SlaApi.Application.Calendars;
using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Calendars;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Calendars;

public sealed class CalendarRepository(SessionQueries db) : ICalendarRepository
{
    private const string Columns =
        "v.calendar_id AS id, v.version, v.name, v.time_zone, v.week, v.holidays, v.version_effective_from";

    private const string GetSql = $"""
        SELECT {Columns}
        FROM calendar_versions v
        JOIN calendars c ON c.id = v.calendar_id
        WHERE v.calendar_id = @Id AND v.version = COALESCE(@Version, c.current_version)
        """;

    private const string InForceSql = $"""
        SELECT {Columns}
        FROM calendar_versions v
        WHERE v.calendar_id = @Id AND v.version = COALESCE(
            (SELECT MAX(x.version) FROM calendar_versions x WHERE x.calendar_id = @Id AND x.version_effective_from <= @At), 1)
        """;

    private const string ExistingSql = "SELECT id FROM calendars WHERE id IN @Ids";

    private const string InsertRootSql = "INSERT INTO calendars (id, current_version, created_at) VALUES (@Id, 1, @VersionEffectiveFrom)";

    private const string InsertVersionSql = """
        INSERT INTO calendar_versions (calendar_id, version, name, time_zone, week, holidays, version_effective_from)
        VALUES (@Id, @Version, @Name, @TimeZone, @Week, @Holidays, @VersionEffectiveFrom)
        """;

    private const string CountSql = "SELECT COUNT(*) FROM calendars";

    private const string PageSql = $"""
        SELECT {Columns}
        FROM calendars c
        JOIN calendar_versions v ON v.calendar_id = c.id AND v.version = c.current_version
        ORDER BY c.created_at, c.id
        {ISqlDialect.PagingMarker}
        """;

    public async Task<Calendar?> GetAsync(Guid id, int? version, CancellationToken ct)
    {
        if (id == Calendar.TwentyFourSevenId)
            return version is null or 1 ? Calendar.TwentyFourSeven : null;
        var row = await db.QuerySingleOrDefaultAsync<CalendarRow>(GetSql, new { Id = id, Version = version }, ct);
        return row?.ToDomain();
    }

    public async Task<Calendar?> GetInForceAsync(Guid id, DateTimeOffset at, CancellationToken ct)
    {
        if (id == Calendar.TwentyFourSevenId)
            return Calendar.TwentyFourSeven;
        return (await db.QuerySingleOrDefaultAsync<CalendarRow>(InForceSql, new { Id = id, At = at }, ct))?.ToDomain();
    }

    public async Task<IReadOnlySet<Guid>> FindExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var stored = ids.Where(id => id != Calendar.TwentyFourSevenId).ToArray();
        var found = stored.Length == 0 ? [] : await db.QueryAsync<Guid>(ExistingSql, new { Ids = stored }, ct);
        var existing = found.ToHashSet();
        if (ids.Contains(Calendar.TwentyFourSevenId))
            existing.Add(Calendar.TwentyFourSevenId);
        return existing;
    }

    public Task AddAsync(Calendar calendar, CancellationToken ct) =>
        db.AddFirstVersionAsync(InsertRootSql, InsertVersionSql, CalendarRow.From(calendar), ct);

    public Task<bool> AddVersionAsync(Calendar revised, CancellationToken ct) =>
        db.AddNextVersionAsync("calendars", revised.Id, revised.Version, InsertVersionSql, CalendarRow.From(revised), ct);

    public async Task<Page<Calendar>> ListAsync(PageRequest page, CancellationToken ct)
    {
        // The built-in calendar is not stored; it is listed first, ahead of the stored ones.
        var firstPage = page.Skip == 0;
        var stored = await db.PageAsync<CalendarRow>(CountSql, PageSql, page, skipOffset: -1, takeOffset: firstPage ? -1 : 0, filter: null, ct);
        var calendars = stored.Items.Select(r => r.ToDomain());
        if (firstPage)
            calendars = calendars.Prepend(Calendar.TwentyFourSeven);
        return new Page<Calendar>(calendars.ToArray(), page.PageNumber, page.PageSize, stored.TotalItems + 1);
    }

    private sealed record StoredInterval(int Day, int Start, int End);

    private sealed record StoredHoliday(DateOnly Date, string Name);

    private sealed class CalendarRow
    {
        public Guid Id { get; init; }

        public int Version { get; init; }

        public string Name { get; init; } = "";

        public string TimeZone { get; init; } = "";

        public string Week { get; init; } = "";

        public string Holidays { get; init; } = "";

        public DateTimeOffset VersionEffectiveFrom { get; init; }

        public static CalendarRow From(Calendar calendar) => new()
        {
            Id = calendar.Id,
            Version = calendar.Version,
            Name = calendar.Name,
            TimeZone = calendar.TimeZoneId,
            Week = JsonColumn.Write(calendar.Week.Intervals.Select(i => new StoredInterval((int)i.Day, i.StartMinute, i.EndMinute))),
            Holidays = JsonColumn.Write(calendar.Holidays.Select(h => new StoredHoliday(h.Date.ToDateOnly(), h.Name))),
            VersionEffectiveFrom = calendar.VersionEffectiveFrom,
        };

        public Calendar ToDomain() => Calendar.Rehydrate(
            Id,
            Version,
            Name,
            TimeZone,
            WeeklySchedule.Create(JsonColumn.Read<StoredInterval[]>(Week).Select(i => new WeeklyInterval((IsoDayOfWeek)i.Day, i.Start, i.End))),
            JsonColumn.Read<StoredHoliday[]>(Holidays).Select(h => new Holiday(LocalDate.FromDateOnly(h.Date), h.Name)).ToArray(),
            VersionEffectiveFrom);
    }
}
