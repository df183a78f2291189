using System.Reflection;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using NodaTime;
using SlaApi.Application.Incidents;
using SlaApi.Domain.Incidents;
using SlaApi.Infrastructure.Access;
using SlaApi.Infrastructure.Alerts;
using SlaApi.Infrastructure.Incidents;
using SlaApi.Infrastructure.Webhooks;
using SlaApi.Application.Reports;
using SlaApi.Infrastructure.Persistence;
using SlaApi.Infrastructure.Reports;
using SlaApi.TestSupport;

namespace SlaApi.Infrastructure.IntegrationTests.Migrations;

public sealed partial class MigrationScriptsTests
{
    private static readonly string[] Engines = ["sqlite", "postgres", "sqlserver"];

    [Test]
    public void EveryEngine_HasTheSameScriptNumbers()
    {
        var numbersByEngine = Engines.ToDictionary(e => e, e => ScriptFiles(e).Select(f => Path.GetFileName(f)[..4]).ToArray());

        numbersByEngine["sqlite"].Should().NotBeEmpty();
        numbersByEngine["postgres"].Should().Equal(numbersByEngine["sqlite"]);
        numbersByEngine["sqlserver"].Should().Equal(numbersByEngine["sqlite"]);
    }

    [Test]
    public void ScriptNames_AreNumberedVerbNoun()
    {
        foreach (var file in Engines.SelectMany(ScriptFiles))
            Path.GetFileName(file).Should().MatchRegex(@"^\d{4}_[a-z]+(_[a-z0-9]+)+\.sql$");
    }

    [Test]
    public void ScriptNumbers_AreConsecutiveFromOne()
    {
        var numbers = ScriptFiles("sqlite").Select(f => int.Parse(Path.GetFileName(f)[..4])).ToArray();

        numbers.Should().Equal(Enumerable.Range(1, numbers.Length));
    }

    [Test]
    public void SqlServerMigrations_ParseWithoutErrors()
    {
        foreach (var file in ScriptFiles("sqlserver"))
            ParseErrors(File.ReadAllText(file)).Should().BeEmpty($"{Path.GetFileName(file)} must be valid T-SQL");
    }

    /// <summary>
    /// Every SQL statement of the Infrastructure assembly as SQL Server would receive it: the shared constants
    /// rendered by <see cref="SqlServerDialect"/>, the dialect's own statements, and those composed at run time.
    /// </summary>
    [Test]
    public void SqlServerStatements_ParseWithoutErrors()
    {
        var dialect = (ISqlDialect)new SqlServerDialect();
        var everyFilter = new IncidentFilter(Guid.NewGuid(), ClockState.Running, true, false, 1, Instant.MinValue, Instant.MaxValue);
        var where = IncidentReadRepository.WhereClause(everyFilter);
        var statements = SqlConstants()
            .Append(("LockRowSql(customers)", dialect.LockRowSql("customers")))
            .Append(("LockRowSql(incidents)", dialect.LockRowSql("incidents", "event_count")))
            .Append(("InsertIfAbsentSql(incidents)", dialect.InsertIfAbsentSql("incidents", IncidentRepository.IncidentColumns, IncidentRepository.IncidentValues, IncidentRepository.NaturalKey)))
            .Append(("InsertIfAbsentSql(bootstrap_claims)", dialect.InsertIfAbsentSql("bootstrap_claims", ApiKeyRepository.BootstrapClaimColumns, ApiKeyRepository.BootstrapClaimValues, "name")))
            .Append(("IncidentReadRepository list", $"SELECT COUNT(*) FROM incidents i {where}"))
            .Append(("RuleUpgradeRepository record", RuleUpgradeRepository.RecordSql(dialect)))
            .Append(("AlertFiring claim", AlertFiring.ClaimSql(dialect)))
            .Append(("AlertFiring insert", AlertFiring.InsertAlertSql(dialect)))
            .Append(("AlertFiring serialize", AlertFiring.SerializeSql(dialect)!))
            .Append(("DeliveryStore claim", DeliveryStore.ClaimSql(dialect)))
            .Append(("AddToCountersSql(clock_outcome_months)", dialect.AddToCountersSql("clock_outcome_months", ClockProjection.MonthKeys, ClockProjection.MonthCounters)))
            .Concat(Groupings().SelectMany(g => new[]
            {
                ($"ReportRepository monthly counts {g}", ReportRepository.MonthlyCountsSql(g)),
                ($"ReportRepository settled counts {g}", ReportRepository.SettledCountsSql(g)),
            }))
            .Concat(new[] { false, true }.SelectMany(forCustomer => new[]
            {
                ($"ReportRepository breach count {forCustomer}", ReportRepository.BreachesSql(forCustomer).Count),
                ($"ReportRepository breach page {forCustomer}", ReportRepository.BreachesSql(forCustomer).Page),
            }))
            .Append(("IncidentReadRepository list, breached", $"SELECT COUNT(*) FROM incidents i {IncidentReadRepository.WhereClause(everyFilter with { State = ClockState.Breached, AtRisk = false, Breached = true })}"))
            .ToArray();

        statements.Should().HaveCountGreaterThan(20, "every repository's statements are found");
        foreach (var (name, sql) in statements)
            ParseErrors(dialect.Render(sql)).Should().BeEmpty($"{name} must be valid T-SQL:\n{sql}");
    }

    private static IEnumerable<OutcomeGrouping> Groupings() =>
        from customer in new[] { false, true }
        from other in new[] { false, true }
        from customerId in new Guid?[] { null, Guid.NewGuid() }
        select new OutcomeGrouping(customer, other, other, !other, customerId);

    [Test]
    public void ListsOnSqlServer_TravelAsOneJsonParameter_WhateverTheirLength()
    {
        var dialect = (ISqlDialect)new SqlServerDialect();
        var ids = Enumerable.Range(0, 3_000).Select(_ => Guid.NewGuid()).ToArray();
        const string sql = "SELECT id FROM incidents WHERE id IN @Ids AND opened_at >= @From";

        var rendered = dialect.Render(sql);
        var bound = (Dapper.DynamicParameters)dialect.Bind(sql, new { Ids = ids, From = DateTimeOffset.UnixEpoch })!;

        rendered.Should().Be("SELECT id FROM incidents WHERE id IN (SELECT value FROM OPENJSON(@Ids)) AND opened_at >= @From");
        ParseErrors(rendered).Should().BeEmpty();
        bound.ParameterNames.Should().BeEquivalentTo("Ids", "From");
        System.Text.Json.JsonSerializer.Deserialize<Guid[]>(bound.Get<string>("Ids")).Should().Equal(ids);
        bound.Get<DateTimeOffset>("From").Should().Be(DateTimeOffset.UnixEpoch);
        dialect.Bind("SELECT 1 WHERE 1 = @One", new { One = 1 }).Should().BeEquivalentTo(new { One = 1 }, "only lists are rewritten");
    }

    [Test]
    public void ParseErrors_OfInvalidSql_AreReported() =>
        ParseErrors("SELECT id FROM customers WHERE id = @Id LIMIT 1").Should().NotBeEmpty();

    private static IEnumerable<(string Name, string Sql)> SqlConstants() =>
        typeof(DatabaseMigrator).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)
                .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string) && f.Name.EndsWith("Sql", StringComparison.Ordinal))
                .Select(f => ($"{t.Name}.{f.Name}", (string)f.GetRawConstantValue()!)));

    /// <summary>Dapper expands "IN @Ids" into a parenthesised list of parameters before sending.</summary>

    private static IList<ParseError> ParseErrors(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return errors;
    }

    private static string[] ScriptFiles(string engine) =>
        Directory.GetFiles(RepoPaths.Migrations(engine), "*.sql").Order(StringComparer.Ordinal).ToArray();
}
