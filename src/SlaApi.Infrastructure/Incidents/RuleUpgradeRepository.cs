using NodaTime;
using SlaApi.Application.Incidents.UpgradeRules;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Incidents;

public sealed class RuleUpgradeRepository(SessionQueries db) : IRuleUpgradeRepository
{
    private const string HasRunSql = "SELECT COUNT(*) FROM rule_upgrades WHERE rules_version = @RulesVersion";

    private readonly string _recordSql = RecordSql(db.Dialect);

    internal static string RecordSql(ISqlDialect dialect) => dialect.InsertIfAbsentSql(
        "rule_upgrades", "rules_version, completed_at, incidents, verdicts_changed", "@RulesVersion, @CompletedAt, @Incidents, @VerdictsChanged",
        "rules_version");

    public async Task<bool> HasRunAsync(int rulesVersion, CancellationToken ct) =>
        (await db.QueryAsync<long>(HasRunSql, new { RulesVersion = rulesVersion }, ct))[0] > 0;

    public Task RecordAsync(int rulesVersion, Instant completedAt, long incidents, long verdictsChanged, CancellationToken ct) =>
        db.ExecuteAsync(_recordSql, new
        {
            RulesVersion = rulesVersion,
            CompletedAt = completedAt.ToDateTimeOffset(),
            Incidents = incidents,
            VerdictsChanged = verdictsChanged,
        }, ct);
}
