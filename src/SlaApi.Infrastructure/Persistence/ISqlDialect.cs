using Dapper;

namespace SlaApi.Infrastructure.Persistence;

/// <summary>
/// What differs between the engines. Shared SQL is portable and marks the places a dialect fills:
/// <see cref="PagingMarker"/> takes the paging clause (parameters @Skip and @Take), and a list parameter is
/// written <c>IN @Ids</c>, as Dapper expands it for SQLite; PostgreSQL and SQL Server pass it as one parameter.
/// </summary>
public interface ISqlDialect
{
    const string PagingMarker = "/*PAGING*/";

    DatabaseProvider Provider { get; }

    string PagingClause { get; }

    /// <summary>Selects <paramref name="columns"/> of a row of <paramref name="table"/> by id (parameter @Id) and holds the row until the transaction ends.</summary>
    string LockRowSql(string table, string columns = "id");

    /// <summary>An INSERT that inserts nothing, and fails nothing, when a row with the same <paramref name="uniqueColumns"/> exists.</summary>
    string InsertIfAbsentSql(string table, string columns, string values, string uniqueColumns);

    /// <summary>Adds @-named deltas to <paramref name="counters"/> of the row with the given keys, inserting it when missing.</summary>
    string AddToCountersSql(string table, IReadOnlyList<string> keys, IReadOnlyList<string> counters) =>
        $"""
        INSERT INTO {table} ({string.Join(", ", keys.Concat(counters))}) VALUES ({string.Join(", ", keys.Concat(counters).Select(c => "@" + Pascal(c)))})
        ON CONFLICT ({string.Join(", ", keys)}) DO UPDATE SET {string.Join(", ", counters.Select(c => $"{c} = {table}.{c} + excluded.{c}"))}
        """;

    bool IsUniqueViolation(Exception exception);

    /// <summary>
    /// Selects up to @Take rows of <paramref name="table"/> matching <paramref name="where"/> in <paramref name="orderBy"/>
    /// order and holds them until the transaction ends, passing over rows another transaction holds: two nodes claim
    /// different rows and neither waits for the other.
    /// </summary>
    string ClaimSql(string table, string columns, string where, string orderBy);

    /// <summary>
    /// Makes the transactions that run it append to <paramref name="resource"/> one after another until they end, so rows
    /// numbered by an identity commit in the order of their numbers; null where transactions are serial already.
    /// </summary>
    string? SerializeSql(string resource);

    static string Pascal(string column) =>
        string.Concat(column.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    string Render(string sql) => sql.Replace(PagingMarker, PagingClause, StringComparison.Ordinal);

    /// <summary>The parameters of <paramref name="sql"/> as this engine takes them.</summary>
    object? Bind(string sql, object? parameters) => parameters;
}

public sealed class SqliteDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string PagingClause => "LIMIT @Take OFFSET @Skip";

    // The write transaction is BEGIN IMMEDIATE, which already holds the database's single write lock.
    public string LockRowSql(string table, string columns = "id") => $"SELECT {columns} FROM {table} WHERE id = @Id";

    public string InsertIfAbsentSql(string table, string columns, string values, string uniqueColumns) =>
        $"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({values})";

    public bool IsUniqueViolation(Exception exception) =>
        exception is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 1555 or 2067 };

    // One node, and the write transaction holds the database's write lock.
    public string ClaimSql(string table, string columns, string where, string orderBy) =>
        $"SELECT {columns} FROM {table} WHERE {where} ORDER BY {orderBy} LIMIT @Take";

    public string? SerializeSql(string resource) => null;
}

public sealed partial class PostgresDialect : ISqlDialect
{
    // Dapper sends an array to Npgsql as one array parameter rather than expanding it.
    public string Render(string sql) =>
        ListParameter().Replace(sql.Replace(ISqlDialect.PagingMarker, PagingClause, StringComparison.Ordinal), "= ANY(@${name})");

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public string PagingClause => "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";

    public string LockRowSql(string table, string columns = "id") => $"SELECT {columns} FROM {table} WHERE id = @Id FOR UPDATE";

    // ON CONFLICT keeps the transaction usable: a failed INSERT would abort it.
    public string InsertIfAbsentSql(string table, string columns, string values, string uniqueColumns) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({uniqueColumns}) DO NOTHING";

    public bool IsUniqueViolation(Exception exception) =>
        exception is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };

    public string ClaimSql(string table, string columns, string where, string orderBy) =>
        $"SELECT {columns} FROM {table} WHERE {where} ORDER BY {orderBy} LIMIT @Take FOR UPDATE SKIP LOCKED";

    public string? SerializeSql(string resource) => $"SELECT pg_advisory_xact_lock(hashtext('{resource}'))";

    [System.Text.RegularExpressions.GeneratedRegex(@"\bIN @(?<name>\w+)")]
    private static partial System.Text.RegularExpressions.Regex ListParameter();
}

public sealed partial class SqlServerDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public string PagingClause => "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";

    public string LockRowSql(string table, string columns = "id") => $"SELECT {columns} FROM {table} WITH (UPDLOCK, HOLDLOCK) WHERE id = @Id";

    public string InsertIfAbsentSql(string table, string columns, string values, string uniqueColumns) =>
        $"""
        INSERT INTO {table} ({columns}) SELECT {values}
        WHERE NOT EXISTS (SELECT 1 FROM {table} WITH (UPDLOCK, HOLDLOCK) WHERE {string.Join(" AND ", uniqueColumns.Split(", ").Select(c => $"{c} = @{ISqlDialect.Pascal(c)}"))})
        """;

    public string AddToCountersSql(string table, IReadOnlyList<string> keys, IReadOnlyList<string> counters) =>
        $"""
        MERGE {table} WITH (HOLDLOCK) AS target
        USING (SELECT {string.Join(", ", keys.Select(k => $"@{ISqlDialect.Pascal(k)} AS {k}"))}) AS source
        ON {string.Join(" AND ", keys.Select(k => $"target.{k} = source.{k}"))}
        WHEN MATCHED THEN UPDATE SET {string.Join(", ", counters.Select(c => $"{c} = target.{c} + @{ISqlDialect.Pascal(c)}"))}
        WHEN NOT MATCHED THEN INSERT ({string.Join(", ", keys.Concat(counters))}) VALUES ({string.Join(", ", keys.Concat(counters).Select(c => "@" + ISqlDialect.Pascal(c)))});
        """;

    public bool IsUniqueViolation(Exception exception) =>
        exception is Microsoft.Data.SqlClient.SqlException { Number: 2627 or 2601 };

    public string ClaimSql(string table, string columns, string where, string orderBy) =>
        $"SELECT TOP (@Take) {columns} FROM {table} WITH (UPDLOCK, READPAST, ROWLOCK) WHERE {where} ORDER BY {orderBy}";

    public string? SerializeSql(string resource) =>
        $"EXEC sp_getapplock @Resource = '{resource}', @LockMode = 'Exclusive', @LockOwner = 'Transaction'";

    /// <summary>A list parameter is read from one JSON array: Dapper's parameter per item would pass SQL Server's 2,100 on long lists.</summary>
    public string Render(string sql) =>
        ListParameter().Replace(sql.Replace(ISqlDialect.PagingMarker, PagingClause, StringComparison.Ordinal), "IN (SELECT value FROM OPENJSON(@${name}))");

    /// <summary>
    /// Each list <see cref="Render"/> reads with OPENJSON travels as its JSON text; SQL Server converts the items to the
    /// column's type (uniqueidentifier, bigint) on comparison, so the column's index still serves.
    /// </summary>
    public object? Bind(string sql, object? parameters)
    {
        if (parameters is null or DynamicParameters)
            return parameters;
        var lists = ListParameter().Matches(sql).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (lists.Count == 0)
            return parameters;
        var bound = new DynamicParameters();
        foreach (var property in parameters.GetType().GetProperties())
        {
            var value = property.GetValue(parameters);
            bound.Add(property.Name, lists.Contains(property.Name) && value is System.Collections.IEnumerable items and not string
                ? System.Text.Json.JsonSerializer.Serialize(items)
                : value);
        }
        return bound;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bIN @(?<name>\w+)")]
    private static partial System.Text.RegularExpressions.Regex ListParameter();
}
