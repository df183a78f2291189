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

    /// <summary>Selects the customer row (parameter @Id) and holds it until the transaction ends.</summary>
    string LockCustomerSql { get; }

    bool IsUniqueViolation(Exception exception);

    string Render(string sql) => sql.Replace(PagingMarker, PagingClause, StringComparison.Ordinal);
}

public sealed class SqliteDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string PagingClause => "LIMIT @Take OFFSET @Skip";

    // The write transaction is BEGIN IMMEDIATE, which already holds the database's single write lock.
    public string LockCustomerSql => "SELECT id FROM customers WHERE id = @Id";

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

    public string LockCustomerSql => "SELECT id FROM customers WHERE id = @Id FOR UPDATE";

    public bool IsUniqueViolation(Exception exception) =>
        exception is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };

    [System.Text.RegularExpressions.GeneratedRegex(@"\bIN @(?<name>\w+)")]
    private static partial System.Text.RegularExpressions.Regex ListParameter();
}

public sealed class SqlServerDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public string PagingClause => "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";

    public string LockCustomerSql => "SELECT id FROM customers WITH (UPDLOCK, HOLDLOCK) WHERE id = @Id";

    public bool IsUniqueViolation(Exception exception) =>
        exception is Microsoft.Data.SqlClient.SqlException { Number: 2627 or 2601 };
}
