namespace SlaApi.TestSupport;

public enum TestEngine
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>The engines every database-backed fixture runs on; a fixture on an engine that is not here is skipped, saying why.</summary>
public static class TestEngines
{
    public const string RequirePostgresVariable = "SLAAPI_REQUIRE_POSTGRES";
    public const string SqlServerVariable = "SLAAPI_TEST_SQLSERVER";

    public static IEnumerable<TestEngine> All => Enum.GetValues<TestEngine>();
}
