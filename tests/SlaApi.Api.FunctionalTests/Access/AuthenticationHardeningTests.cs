using Microsoft.AspNetCore.Http;
using System.Data.Common;
using System.Net;
using Dapper;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Persistence;
using SlaApi.Domain.Access;
using SlaApi.Infrastructure.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Access;

public sealed class AuthenticationHardeningTests(TestEngine engine) : ApiTest(engine)
{
    [Test]
    public async Task FailedAuthentications_AreThrottledPerAddress_ButAValidKeyIsNeverRefused()
    {
        await using var factory = new SlaApiFactory(Database, Time, new Dictionary<string, string?> { ["RateLimit:FailedAuthenticationsPerMinute"] = "3" });
        var valid = await factory.IssueKeyAsync([Scopes.Admin]);
        using var guessing = factory.CreateClient();
        guessing.DefaultRequestHeaders.Authorization = new("Bearer", "sla_guess0000_" + new string('x', 40));

        for (var i = 0; i < 3; i++)
            (await guessing.GetAsync("/api/v1/calendars")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var throttled = await guessing.GetAsync("/api/v1/calendars");
        using var sameAddress = factory.CreateClient();
        sameAddress.DefaultRequestHeaders.Authorization = new("Bearer", valid);

        await throttled.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        throttled.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromMinutes(1));
        (await sameAddress.GetAsync("/api/v1/calendars")).StatusCode.Should().Be(HttpStatusCode.OK,
            "a valid key is let in even from an address that guessed: behind a proxy every tenant shares one");
    }

    [Test]
    public async Task BehindAKnownProxy_EachForwardedClientHasItsOwnAllowance_AndOthersCannotForgeOne()
    {
        await using var factory = new SlaApiFactory(Database, Time, new Dictionary<string, string?>
        {
            ["RateLimit:FailedAuthenticationsPerMinute"] = "2",
            ["ForwardedHeaders:KnownProxies"] = "10.0.0.1",
        });
        var guess = "Bearer sla_guess0000_" + new string('x', 40);

        for (var i = 0; i < 2; i++)
            (await SendAsync(factory, "10.0.0.1", "203.0.113.5", guess)).Should().Be(StatusCodes.Status401Unauthorized);
        (await SendAsync(factory, "10.0.0.1", "203.0.113.5", guess)).Should().Be(StatusCodes.Status429TooManyRequests, "that client used its allowance");
        (await SendAsync(factory, "10.0.0.1", "203.0.113.6", guess)).Should().Be(StatusCodes.Status401Unauthorized, "another client behind the proxy has its own");

        for (var i = 0; i < 2; i++)
            (await SendAsync(factory, "198.51.100.7", $"203.0.113.{10 + i}", guess)).Should().Be(StatusCodes.Status401Unauthorized);
        (await SendAsync(factory, "198.51.100.7", "203.0.113.99", guess)).Should().Be(StatusCodes.Status429TooManyRequests,
            "an address that is not a known proxy cannot name a new client to get a new allowance");
    }

    [Test]
    public void AProxySettingThatIsNoAddress_StopsTheStartWithTheSettingNamed()
    {
        var start = () => new SlaApiFactory(Database, Time, new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies"] = "proxy.local" }).CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage("*ForwardedHeaders:KnownProxies*proxy.local*");
    }

    private static async Task<int> SendAsync(SlaApiFactory factory, string from, string forwardedFor, string authorization) =>
        (await factory.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = "/api/v1/calendars";
            context.Request.Headers.Authorization = authorization;
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(from);
        })).Response.StatusCode;

    [Test]
    public async Task AnUnknownPrefix_IsRememberedBriefly_SoGuessesCostNoQuery()
    {
        var (key, text) = ApiKey.Issue("stored later", [Scopes.Admin], null, null, Now);
        using var client = ClientWithKey(text);
        (await client.GetAsync("/api/v1/calendars")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().BeginAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IApiKeyRepository>().AddAsync(key, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().CommitAsync(CancellationToken.None);
        }

        (await client.GetAsync("/api/v1/calendars")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the prefix was just found unknown");
        Time.Advance(ApiKeyCache.UnknownTimeToLive);
        (await client.GetAsync("/api/v1/calendars")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Authentication_NeverWritesToTheDatabase_LastUseIsFlushedInTheBackground()
    {
        var text = await Factory.IssueKeyAsync([Scopes.SlaRead], name: "reader");
        using var client = ClientWithKey(text);
        client.Timeout = TimeSpan.FromSeconds(10);

        await using (var locker = await Database.OpenAsync())
        await using (var transaction = await LockApiKeysAsync(locker))
        {
            (await client.GetAsync("/api/v1/calendars")).StatusCode.Should().Be(HttpStatusCode.OK,
                "a read succeeds while the keys' table is locked: authenticating writes nothing");
            await transaction.RollbackAsync();
        }

        (await Factory.Services.GetRequiredService<KeyUsageFlusher>().FlushAsync()).Should().BeTrue();
        await using var connection = await Database.OpenAsync();
        var lastUsed = await connection.ExecuteScalarAsync<string>("SELECT CAST(last_used_at AS varchar(40)) FROM api_keys WHERE name = 'reader'");
        lastUsed.Should().NotBeNullOrEmpty("the flusher wrote the use");
    }

    /// <summary>Holds api_keys against writers until the transaction ends: SQLite's transactions begin IMMEDIATE, taking the write lock.</summary>
    private async Task<DbTransaction> LockApiKeysAsync(DbConnection connection)
    {
        var transaction = await connection.BeginTransactionAsync();
        if (Engine != TestEngine.Sqlite)
        {
            await connection.ExecuteAsync(Engine == TestEngine.Postgres
                ? "SELECT id FROM api_keys FOR UPDATE"
                : "SELECT id FROM api_keys WITH (UPDLOCK, HOLDLOCK)", transaction: transaction);
        }
        return transaction;
    }
}
