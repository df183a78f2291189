using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SlaApi.Application.Access;
using SlaApi.Application.Calendars;
using SlaApi.Application.Common.Telemetry;
using SlaApi.Application.Connectors;
using SlaApi.Application.Incidents;
using SlaApi.Application.Incidents.Ingestion;
using SlaApi.Application.Policies;
using SlaApi.Application.Simulations;

namespace SlaApi.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        ConfigureValidation();
        services.AddSingleton<CalendarVersionCache>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<KeyUsageLog>();
        services.AddScoped<ApiKeyAuthenticator>();
        services.AddSingleton<BoundSlaCache>();
        services.AddScoped<BoundSlaProvider>();
        services.AddScoped<EscalationWarnings>();
        services.AddScoped<EventBatchProcessor>();
        services.AddScoped<IncidentOpener>();
        services.AddSingleton<ConnectionCache>();
        services.AddScoped<DeliveryProcessor>();
        services.AddScoped<SimulationEngine>();
        services.AddMetrics();
        services.AddSingleton<SlaApiMetrics>();
        services.AddSingleton(new IncidentCache());
        AddValidators(services);
        return services;
    }

    /// <summary>
    /// A validator without dependencies is built once: building one compiles its rules, which cost more than the rest
    /// of a small request. One that reads repositories lives in the request's scope.
    /// </summary>
    private static void AddValidators(IServiceCollection services)
    {
        foreach (var found in AssemblyScanner.FindValidatorsInAssembly(typeof(DependencyInjection).Assembly, includeInternalTypes: true))
        {
            var lifetime = found.ValidatorType.GetConstructors().All(c => c.GetParameters().Length > 0) ? ServiceLifetime.Scoped : ServiceLifetime.Singleton;
            services.Add(new ServiceDescriptor(found.InterfaceType, found.ValidatorType, lifetime));
        }
    }

    /// <summary>
    /// A rule stops at its first failure, so later checks never see a value an earlier one refused (a null name is
    /// "empty", not a crash); messages name fields as clients send them.
    /// </summary>
    public static void ConfigureValidation()
    {
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : CamelCase(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : CamelCase(member.Name);
    }

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
