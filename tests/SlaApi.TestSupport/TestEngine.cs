using NUnit.Framework;

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

    /// <summary>Skips the test, saying why, when PostgreSQL's binaries are missing; fails it instead when they are required.</summary>
    public static void RequirePostgres()
    {
        if (PostgresCluster.FindBinaries() is not (null, var missing))
            return;
        SkipUnlessRequired($"PostgreSQL tests need a server: {missing}.", RequirePostgresVariable);
    }

    /// <summary>Skips the test with <paramref name="message"/>, or fails it when <paramref name="requireVariable"/> is 1 (as in CI).</summary>
    public static void SkipUnlessRequired(string message, string requireVariable)
    {
        if (Environment.GetEnvironmentVariable(requireVariable) == "1")
            Assert.Fail($"{message} {requireVariable}=1 makes that a failure.");
        Assert.Ignore(message);
    }
}
