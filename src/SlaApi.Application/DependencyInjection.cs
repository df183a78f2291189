using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SlaApi.Application.Access;
using SlaApi.Application.Calendars;
using SlaApi.Application.Incidents;
using SlaApi.Application.Incidents.Ingestion;

namespace SlaApi.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        ConfigureValidation();
        services.AddSingleton<CalendarVersionCache>();
        services.AddSingleton<ApiKeyCache>();
        services.AddScoped<ApiKeyAuthenticator>();
        services.AddSingleton<BoundSlaCache>();
        services.AddScoped<BoundSlaProvider>();
        services.AddScoped<EventBatchProcessor>();
        services.AddSingleton<EventWriter>();
        services.AddSingleton<IncidentCache>();
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        return services;
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
