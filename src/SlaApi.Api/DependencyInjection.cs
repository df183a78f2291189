using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;
using SlaApi.Api.Endpoints;
using SlaApi.Api.ErrorHandling;
using SlaApi.Api.Json;
using SlaApi.Application.Calendars.DefineCalendar;
using SlaApi.Application.Common.Behaviours;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Api;

public static class DependencyInjection
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            options.Assemblies = [typeof(DefineCalendarCommand)];
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(ValidationBehaviour<,>), typeof(TransactionBehaviour<,>)];
        });
        services.AddSingleton(TimeProvider.System);

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
        {
            // An unknown field is refused rather than ignored: "responseDays" must not pass as if it were understood.
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.Converters.Add(new Rfc3339DateTimeOffsetConverter());
        });

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "SlaApi",
                Version = DocumentName,
                Description = "Service-level agreements for managed service providers: business calendars, policies, customers and agreements, and the clocks they drive.",
            });
            options.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, "SlaApi.Api.xml"));
            options.SupportNonNullableReferenceTypes();
        });
        return services;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        if (app.Services.GetRequiredService<DatabaseOptions>().MigrateOnStartup)
            app.Services.GetRequiredService<DatabaseMigrator>().Migrate();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSwagger();
        app.UseSwaggerUI();

        var v1 = app.MapGroup("/api/v1");
        v1.MapCalendarEndpoints();
        v1.MapPolicyEndpoints();
        v1.MapCustomerEndpoints();
        v1.MapAgreementEndpoints();
        app.MapHealthEndpoints();
        return app;
    }
}
