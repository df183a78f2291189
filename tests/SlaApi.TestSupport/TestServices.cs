using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlaApi.Application;
using SlaApi.Infrastructure;

namespace SlaApi.TestSupport;

public static class TestServices
{
    /// <summary>The settings that point the application at <paramref name="database"/>.</summary>
    public static Dictionary<string, string?> Settings(TestDatabase database) => new()
    {
        ["Database:Provider"] = database.Options.Provider.ToString(),
        ["ConnectionStrings:Sla"] = database.Options.ConnectionString,
    };

    /// <summary>The production application and infrastructure registrations, bound to <paramref name="database"/>.</summary>
    public static ServiceProvider For(TestDatabase database, TimeProvider time)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(database)).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton(time)
            .AddApplication()
            .AddInfrastructure(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
