using SlaApi.Application.Common.Paging;
using SlaApi.Application.Teams;
using SlaApi.Domain.Teams;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Teams;

public sealed class TeamRepository(SessionQueries db) : ITeamRepository
{
    private const string Columns = "v.team_id AS id, v.version, v.name, v.calendar_id, v.vendor, v.ola_targets, v.version_effective_from";

    private const string GetSql = $"""
        SELECT {Columns}
        FROM team_versions v
        JOIN teams t ON t.id = v.team_id
        WHERE v.team_id = @Id AND v.version = COALESCE(@Version, t.current_version)
        """;

    private const string InForceSql = $"""
        SELECT {Columns}
        FROM team_versions v
        WHERE v.team_id = @Id AND v.version = COALESCE(
            (SELECT MAX(x.version) FROM team_versions x WHERE x.team_id = @Id AND x.version_effective_from <= @At), 1)
        """;

    private const string LatestSql = $"""
        SELECT {Columns}
        FROM teams t
        JOIN team_versions v ON v.team_id = t.id AND v.version = t.current_version
        WHERE t.id IN @Ids
        """;

    private const string ExistingSql = "SELECT id FROM teams WHERE id IN @Ids";

    private const string InsertRootSql = "INSERT INTO teams (id, current_version, created_at) VALUES (@Id, 1, @VersionEffectiveFrom)";

    private const string InsertVersionSql = """
        INSERT INTO team_versions (team_id, version, name, calendar_id, vendor, ola_targets, version_effective_from)
        VALUES (@Id, @Version, @Name, @CalendarId, @Vendor, @OlaTargets, @VersionEffectiveFrom)
        """;

    private const string CountSql = "SELECT COUNT(*) FROM teams";

    private const string PageSql = $"""
        SELECT {Columns}
        FROM teams t
        JOIN team_versions v ON v.team_id = t.id AND v.version = t.current_version
        ORDER BY t.created_at, t.id
        {ISqlDialect.PagingMarker}
        """;

    public async Task<Team?> GetAsync(Guid id, int? version, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<TeamRow>(GetSql, new { Id = id, Version = version }, ct))?.ToDomain();

    public async Task<Team?> GetInForceAsync(Guid id, DateTimeOffset at, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<TeamRow>(InForceSql, new { Id = id, At = at }, ct))?.ToDomain();

    public async Task<IReadOnlyList<Team>> GetLatestAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : (await db.QueryAsync<TeamRow>(LatestSql, new { Ids = ids.Distinct().ToArray() }, ct)).Select(r => r.ToDomain()).ToArray();

    public async Task<IReadOnlySet<Guid>> FindExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? new HashSet<Guid>() : (await db.QueryAsync<Guid>(ExistingSql, new { Ids = ids.Distinct().ToArray() }, ct)).ToHashSet();

    public Task AddAsync(Team team, CancellationToken ct) => db.AddFirstVersionAsync(InsertRootSql, InsertVersionSql, TeamRow.From(team), ct);

    public Task<bool> AddVersionAsync(Team revised, CancellationToken ct) =>
        db.AddNextVersionAsync("teams", revised.Id, revised.Version, InsertVersionSql, TeamRow.From(revised), ct);

    public async Task<Page<Team>> ListAsync(PageRequest page, CancellationToken ct) =>
        (await db.PageAsync<TeamRow>(CountSql, PageSql, page, ct)).Map(r => r.ToDomain());

    private sealed class TeamRow
    {
        public Guid Id { get; init; }

        public int Version { get; init; }

        public string Name { get; init; } = "";

        public Guid CalendarId { get; init; }

        public string? Vendor { get; init; }

        public string OlaTargets { get; init; } = "";

        public DateTimeOffset VersionEffectiveFrom { get; init; }

        public static TeamRow From(Team team) => new()
        {
            Id = team.Id,
            Version = team.Version,
            Name = team.Name,
            CalendarId = team.CalendarId,
            Vendor = team.Vendor,
            OlaTargets = JsonColumn.Write(team.OlaTargets),
            VersionEffectiveFrom = team.VersionEffectiveFrom,
        };

        public Team ToDomain() => Team.Rehydrate(
            Id, Version, new TeamTerms(Name, CalendarId, Vendor, JsonColumn.Read<OlaTarget[]>(OlaTargets)), VersionEffectiveFrom);
    }
}
