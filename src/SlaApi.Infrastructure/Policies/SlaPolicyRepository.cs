using SlaApi.Application.Common.Paging;
using SlaApi.Application.Policies;
using SlaApi.Domain.Policies;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Policies;

public sealed class SlaPolicyRepository(SessionQueries db) : ISlaPolicyRepository
{
    private const string Columns = """
        v.policy_id AS id, v.version, v.name, v.calendar_id, v.targets, v.pause_statuses, v.pause_response,
        v.warning_thresholds, v.reopen_window_minutes, v.response_tiers, v.max_pause_minutes, v.pause_reasons, v.escalation_path,
        v.version_effective_from
        """;

    private const string GetSql = $"""
        SELECT {Columns}
        FROM policy_versions v
        JOIN policies p ON p.id = v.policy_id
        WHERE v.policy_id = @Id AND v.version = COALESCE(@Version, p.current_version)
        """;

    private const string InForceSql = $"""
        SELECT {Columns}
        FROM policy_versions v
        WHERE v.policy_id = @Id AND v.version = COALESCE(
            (SELECT MAX(x.version) FROM policy_versions x WHERE x.policy_id = @Id AND x.version_effective_from <= @At), 1)
        """;

    private const string ExistsSql = "SELECT COUNT(*) FROM policies WHERE id = @Id";

    private const string InsertRootSql = "INSERT INTO policies (id, current_version, created_at) VALUES (@Id, 1, @VersionEffectiveFrom)";

    private const string InsertVersionSql = """
        INSERT INTO policy_versions (policy_id, version, name, calendar_id, targets, pause_statuses, pause_response,
            warning_thresholds, reopen_window_minutes, response_tiers, max_pause_minutes, pause_reasons, escalation_path, version_effective_from)
        VALUES (@Id, @Version, @Name, @CalendarId, @Targets, @PauseStatuses, @PauseResponse,
            @WarningThresholds, @ReopenWindowMinutes, @ResponseTiers, @MaxPauseMinutes, @PauseReasons, @EscalationPath, @VersionEffectiveFrom)
        """;

    private const string CountSql = "SELECT COUNT(*) FROM policies";

    private const string PageSql = $"""
        SELECT {Columns}
        FROM policies p
        JOIN policy_versions v ON v.policy_id = p.id AND v.version = p.current_version
        ORDER BY p.created_at, p.id
        {ISqlDialect.PagingMarker}
        """;

    public async Task<SlaPolicy?> GetAsync(Guid id, int? version, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<PolicyRow>(GetSql, new { Id = id, Version = version }, ct))?.ToDomain();

    public async Task<SlaPolicy?> GetInForceAsync(Guid id, DateTimeOffset at, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<PolicyRow>(InForceSql, new { Id = id, At = at }, ct))?.ToDomain();

    public async Task<bool> ExistsAsync(Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<long>(ExistsSql, new { Id = id }, ct) > 0;

    public Task AddAsync(SlaPolicy policy, CancellationToken ct) =>
        db.AddFirstVersionAsync(InsertRootSql, InsertVersionSql, PolicyRow.From(policy), ct);

    public Task<bool> AddVersionAsync(SlaPolicy revised, CancellationToken ct) =>
        db.AddNextVersionAsync("policies", revised.Id, revised.Version, InsertVersionSql, PolicyRow.From(revised), ct);

    public async Task<Page<SlaPolicy>> ListAsync(PageRequest page, CancellationToken ct) =>
        (await db.PageAsync<PolicyRow>(CountSql, PageSql, page, ct)).Map(r => r.ToDomain());

    private sealed class PolicyRow
    {
        public Guid Id { get; init; }

        public int Version { get; init; }

        public string Name { get; init; } = "";

        public Guid CalendarId { get; init; }

        public string Targets { get; init; } = "";

        public string PauseStatuses { get; init; } = "";

        public bool PauseResponse { get; init; }

        public string WarningThresholds { get; init; } = "";

        public int ReopenWindowMinutes { get; init; }

        public string? ResponseTiers { get; init; }

        public int? MaxPauseMinutes { get; init; }

        public string? PauseReasons { get; init; }

        public string? EscalationPath { get; init; }

        public DateTimeOffset VersionEffectiveFrom { get; init; }

        public static PolicyRow From(SlaPolicy policy) => new()
        {
            Id = policy.Id,
            Version = policy.Version,
            Name = policy.Name,
            CalendarId = policy.CalendarId,
            Targets = JsonColumn.Write(policy.Targets),
            PauseStatuses = JsonColumn.Write(policy.PauseStatuses),
            PauseResponse = policy.PauseResponse,
            WarningThresholds = JsonColumn.Write(policy.WarningThresholds),
            ReopenWindowMinutes = policy.ReopenWindowMinutes,
            ResponseTiers = policy.ResponseTiers.Count == 0 ? null : JsonColumn.Write(policy.ResponseTiers),
            MaxPauseMinutes = policy.MaxPauseMinutes,
            PauseReasons = policy.PauseReasons.Count == 0 ? null : JsonColumn.Write(policy.PauseReasons),
            EscalationPath = policy.EscalationPath.Count == 0 ? null : JsonColumn.Write(policy.EscalationPath),
            VersionEffectiveFrom = policy.VersionEffectiveFrom,
        };

        public SlaPolicy ToDomain() => SlaPolicy.Rehydrate(
            Id,
            Version,
            new SlaPolicyTerms(
                Name,
                CalendarId,
                JsonColumn.Read<PriorityTarget[]>(Targets),
                JsonColumn.Read<string[]>(PauseStatuses),
                PauseResponse,
                JsonColumn.Read<int[]>(WarningThresholds),
                ReopenWindowMinutes,
                ResponseTiers is null ? [] : JsonColumn.Read<ResponseTier[]>(ResponseTiers),
                MaxPauseMinutes,
                PauseReasons is null ? [] : JsonColumn.Read<string[]>(PauseReasons),
                EscalationPath is null ? [] : JsonColumn.Read<Guid[]>(EscalationPath)),
            VersionEffectiveFrom);
    }
}
