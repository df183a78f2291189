using System.Text.Json.Serialization;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;
using SlaApi.Api.Access;
using SlaApi.Api.Endpoints;
using SlaApi.Api.ErrorHandling;
using SlaApi.Api.Json;
using SlaApi.Api.OpenApi;
using SlaApi.Application.Incidents.UpgradeRules;
using SlaApi.Domain.Incidents;
using SlaApi.Application.Access.EnsureAdminKey;
using SlaApi.Application.Agreements.GetAgreementDocument;
using SlaApi.Application.Calendars.DefineCalendar;
using SlaApi.Application.Common.Behaviours;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Api;

public static class DependencyInjection
{
    public const string DocumentName = "v1";
    private const string SecuritySchemeName = "ApiKey";

    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediator(options =>
        {
            options.Assemblies = [typeof(DefineCalendarCommand)];
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(ValidationBehaviour<,>), typeof(TransactionBehaviour<,>)];
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Endpoints.AlertStreams>();
        services.Configure<DocumentOptions>(configuration.GetSection(DocumentOptions.Section));
        services.AddAccessControl(configuration);
        services.AddForwardedClients(configuration);
        services.AddTelemetry(configuration);

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
            options.AddSecurityDefinition(SecuritySchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key, sent as 'Authorization: Bearer <key>' (or 'X-Api-Key: <key>').",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SecuritySchemeName, document)] = [],
            });
            options.AddServer(new OpenApiServer { Url = "http://127.0.0.1:5080", Description = "The API as `dotnet run --project src/SlaApi.Api` starts it." });
            options.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, "SlaApi.Api.xml"));
            options.SupportNonNullableReferenceTypes();
            options.OperationFilter<CsvResponsesAreText>();
            options.OperationFilter<RequestExamples>();
            options.OperationFilter<IfMatchHeader>();
            options.SchemaFilter<RequiredFields>();
            options.DocumentFilter<TagDescriptions>();
        });
        return services;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        if (app.Services.GetRequiredService<DatabaseOptions>().MigrateOnStartup)
            app.Services.GetRequiredService<DatabaseMigrator>().Migrate();
        IssueFirstAdminKey(app);
        WarnOfEarlierRules(app);

        app.UseForwardedHeaders();
        app.UseResponseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages(ProblemJson.WriteStatusAsync);
        if (SwaggerSettings.IsEnabled(app))
        {
            app.UseSwagger();
            app.UseSwaggerUI();
        }
        app.UseDashboard();
        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        var v1 = app.MapGroup("/api/v1");
        v1.MapCalendarEndpoints();
        v1.MapPolicyEndpoints();
        v1.MapTeamEndpoints();
        v1.MapCustomerEndpoints();
        v1.MapAgreementEndpoints();
        v1.MapIncidentEndpoints();
        v1.MapKeyEndpoints();
        v1.MapReportEndpoints();
        v1.MapAlertEndpoints();
        v1.MapWebhookEndpoints();
        v1.MapConnectionEndpoints();
        v1.MapDisputeEndpoints();
        v1.MapSimulationEndpoints();
        v1.MapRestatementEndpoints();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        return app;
    }

    /// <summary>Stored verdicts of earlier rules are served as they were until an operator replays them: say so loudly.</summary>
    private static void WarnOfEarlierRules(WebApplication app)
    {
        if (PendingAsync().GetAwaiter().GetResult())
            app.Logger.LogWarning(
                "Stored incidents were judged under rules of meaning older than version {RulesVersion}: stop the API and run 'rules-upgrade' to replay them (README, Upgrading)",
                RulesUpgrade.RulesVersion);

        async Task<bool> PendingAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CheckRulesUpgradeCommand());
        }
    }

    private static void IssueFirstAdminKey(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var key = scope.ServiceProvider.GetRequiredService<ISender>().Send(new EnsureAdminKeyCommand()).AsTask().GetAwaiter().GetResult();
        if (key is null)
            return;
        Console.WriteLine($"""

            No API key existed, so an admin key was created. It is shown only this once; keep it safe:

                {key}

            Send it as 'Authorization: Bearer <key>' (or 'X-Api-Key: <key>'). Create narrower keys with POST /api/v1/keys
            or 'dotnet run --project src/SlaApi.Api -- keys create --name <name> --scopes <a,b>'.

            """);
    }
}
