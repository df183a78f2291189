using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SlaApi.Api.FunctionalTests.Contract;
using SlaApi.Application.Access.CreateApiKey;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests;

/// <summary>The real application and HTTP pipeline on a test database; migrations run as they do in production, at start-up.</summary>
/// <param name="services">Changes to the application's services, applied last (exporters the test reads, say).</param>
public sealed class SlaApiFactory(
    TestDatabase database, TimeProvider time, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    /// <summary>Issues a key through the application itself and returns its text.</summary>
    public async Task<string> IssueKeyAsync(string[] scopes, Guid? customerId = null, DateTimeOffset? expiresAt = null, string name = "test key")
    {
        await using var scope = Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateApiKeyCommand(name, scopes, customerId, expiresAt));
        return issued.Key;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Swagger:Enabled", "true");
        // The test server has no client address, so every request of a fixture shares one failure allowance.
        builder.UseSetting("RateLimit:FailedAuthenticationsPerMinute", "100000");
        // Receivers in the tests listen on loopback.
        builder.UseSetting("Webhooks:AllowPrivateAddresses", "true");
        foreach (var (key, value) in TestServices.Settings(database).Concat(settings ?? new Dictionary<string, string?>()))
            builder.UseSetting(key, value);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.ConfigureTestServices(configured =>
        {
            configured.Replace(ServiceDescriptor.Singleton(time));
            configured.AddSingleton<IStartupFilter, ContractValidationStartupFilter>();
            services?.Invoke(configured);
        });
    }
}
