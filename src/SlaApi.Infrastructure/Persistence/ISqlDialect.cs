namespace SlaApi.Infrastructure.Persistence;

/// <summary>
/// What differs between the engines. Shared SQL is portable and marks the places a dialect fills:
/// <see cref="PagingMarker"/> takes the paging clause (parameters @Skip and @Take), and a list parameter is
/// written <c>IN @Ids</c>, as Dapper expands it for SQLite and SQL Server.
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

    bool IsUniqueViolation(Exception exception);

    string Render(string sql) => sql.Replace(PagingMarker, PagingClause, StringComparison.Ordinal);
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

    [System.Text.RegularExpressions.GeneratedRegex(@"\bIN @(?<name>\w+)")]
    private static partial System.Text.RegularExpressions.Regex ListParameter();
}

public sealed class SqlServerDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public string PagingClause => "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";

    public string LockRowSql(string table, string columns = "id") => $"SELECT {columns} FROM {table} WITH (UPDLOCK, HOLDLOCK) WHERE id = @Id";

    public string InsertIfAbsentSql(string table, string columns, string values, string uniqueColumns) =>
        $"""
        INSERT INTO {table} ({columns}) SELECT {values}
        WHERE NOT EXISTS (SELECT 1 FROM {table} WITH (UPDLOCK, HOLDLOCK) WHERE {string.Join(" AND ", uniqueColumns.Split(", ").Select(c => $"{c} = @{Pascal(c)}"))})
        """;

    private static string Pascal(string column) =>
        string.Concat(column.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    public bool IsUniqueViolation(Exception exception) =>
        exception is Microsoft.Data.SqlClient.SqlException { Number: 2627 or 2601 };
}
