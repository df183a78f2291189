using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests;

/// <summary>The real application and HTTP pipeline on a test database; migrations run as they do in production, at start-up.</summary>
public sealed class SlaApiFactory(TestDatabase database, TimeProvider time) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in TestServices.Settings(database))
            builder.UseSetting(key, value);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(time)));
    }
}
