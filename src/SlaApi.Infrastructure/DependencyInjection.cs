using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlaApi.Application.Access;
using SlaApi.Application.Agreements;
using SlaApi.Application.Agreements.Restatements;
using SlaApi.Application.Alerts;
using SlaApi.Application.Calendars;
using SlaApi.Application.Common.Persistence;
using SlaApi.Application.Connectors;
using SlaApi.Application.Customers;
using SlaApi.Application.Disputes;
using SlaApi.Application.Incidents;
using SlaApi.Application.Incidents.Ingestion;
using SlaApi.Application.Incidents.UpgradeRules;
using SlaApi.Application.Policies;
using SlaApi.Application.Reports;
using SlaApi.Application.Simulations;
using SlaApi.Application.Teams;
using SlaApi.Application.Webhooks;
using SlaApi.Infrastructure.Access;
using SlaApi.Infrastructure.Agreements;
using SlaApi.Infrastructure.Alerts;
using SlaApi.Infrastructure.Calendars;
using SlaApi.Infrastructure.Connectors;
using SlaApi.Infrastructure.Customers;
using SlaApi.Infrastructure.Disputes;
using SlaApi.Infrastructure.Incidents;
using SlaApi.Infrastructure.Incidents.Ingestion;
using SlaApi.Infrastructure.Persistence;
using SlaApi.Infrastructure.Policies;
using SlaApi.Infrastructure.Reports;
using SlaApi.Infrastructure.Simulations;
using SlaApi.Infrastructure.Teams;
using SlaApi.Infrastructure.Webhooks;

namespace SlaApi.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        DapperTypeHandlers.Register();
        var options = ReadDatabaseOptions(configuration);
        services.AddSingleton(options);
        services.AddSingleton<ISqlDialect>(options.Provider switch
        {
            DatabaseProvider.Postgres => new PostgresDialect(),
            DatabaseProvider.SqlServer => new SqlServerDialect(),
            _ => new SqliteDialect(),
        });
        services.AddSingleton<DbConnectionFactory>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddScoped<DbSession>();
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<DbSession>());
        services.AddScoped<SessionQueries>();
        services.AddScoped<PreparedCommands>();

        services.AddScoped<ICalendarRepository, CalendarRepository>();
        services.AddScoped<ISlaPolicyRepository, SlaPolicyRepository>();
        services.AddScoped<ITeamRepository, TeamRepository>();
        services.AddScoped<ICustomerRepository, CustomerRepository>();
        services.AddScoped<IAgreementRepository, AgreementRepository>();
        services.AddScoped<IApiKeyRepository, ApiKeyRepository>();
        services.AddScoped<ClockProjection>();
        services.AddScoped<IIncidentRepository, IncidentRepository>();
        services.AddScoped<IIncidentReadRepository, IncidentReadRepository>();
        services.AddScoped<IReportRepository, ReportRepository>();
        services.AddScoped<IDisputeRepository, DisputeRepository>();
        services.AddScoped<IAdviceRepository, AdviceRepository>();
        services.AddScoped<IRestatementRepository, RestatementRepository>();
        services.AddScoped<IRuleUpgradeRepository, RuleUpgradeRepository>();
        services.AddScoped<IReplaySource, ReplaySource>();
        services.AddScoped<ISimulationRepository, SimulationRepository>();
        services.AddSingleton<SimulationRunner>();
        services.AddSingleton<ISimulationQueue>(sp => sp.GetRequiredService<SimulationRunner>());
        services.AddHostedService(sp => sp.GetRequiredService<SimulationRunner>());

        var ingestion = new EventWriterOptions();
        configuration.GetSection(EventWriterOptions.SectionName).Bind(ingestion);
        services.AddSingleton(ingestion);
        services.AddSingleton<EventWriter>();
        services.AddSingleton<IEventWriter>(sp => sp.GetRequiredService<EventWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<EventWriter>());
        services.AddAlerts(configuration);
        services.AddConnectors(configuration);
        services.AddSingleton<KeyUsageFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<KeyUsageFlusher>());

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<EventWriterHealthCheck>("event-writer", tags: ["ready"])
            .AddCheck<KeyUsageFlusherHealthCheck>("key-usage", tags: ["ready"])
            .AddCheck<SupervisedLoopHealthCheck<AlertScheduler>>("alert-scheduler", tags: ["ready"])
            .AddCheck<SupervisedLoopHealthCheck<WebhookDispatcher>>("webhook-dispatcher", tags: ["ready"])
            .AddCheck<SupervisedLoopHealthCheck<InboundProcessor>>("inbound-processor", tags: ["ready"])
            .AddCheck<SupervisedLoopHealthCheck<InboxWriter>>("inbox-writer", tags: ["ready"])
            .AddCheck<SupervisedLoopHealthCheck<SimulationRunner>>("simulation-runner", tags: ["ready"]);
        return services;
    }

    /// <summary>The alarms the writer plans, the scheduler that fires them, and the outbox and dispatcher of webhooks.</summary>
    private static void AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        var webhooks = new WebhookOptions();
        configuration.GetSection(WebhookOptions.SectionName).Bind(webhooks);
        services.AddSingleton(webhooks);
        services.AddSingleton<OutboundAddressGuard>();
        services.AddSingleton<IWebhookUrlPolicy>(sp => sp.GetRequiredService<OutboundAddressGuard>());
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = webhooks.Timeout)
            .ConfigurePrimaryHttpMessageHandler(GuardedHandler);
        services.AddSingleton<WebhookSender>();
        services.AddScoped<AlarmStore>();
        services.AddScoped<AlertFiring>();
        services.AddScoped<AlertRepository>();
        services.AddScoped<IAlertRepository>(sp => sp.GetRequiredService<AlertRepository>());
        services.AddScoped<DeliveryStore>();
        services.AddScoped<IWebhookRepository, WebhookRepository>();
        services.AddSingleton<AlertNotifier>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<AlertScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertScheduler>());
    }

    /// <summary>Connections, the inbox their deliveries are stored in, and the processor that turns them into incidents and events.</summary>
    private static void AddConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        var inbound = new InboundOptions();
        configuration.GetSection(InboundOptions.SectionName).Bind(inbound);
        services.AddSingleton(inbound);
        services.AddHttpClient(InboundVerifier.ClientName)
            .ConfigurePrimaryHttpMessageHandler(GuardedHandler);
        services.AddSingleton<IInboundVerifier, InboundVerifier>();
        services.AddScoped<IConnectionRepository, ConnectionRepository>();
        services.AddScoped<IInboundRepository, InboundRepository>();
        services.AddSingleton<InboxActivity>();
        services.AddSingleton<InboundProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<InboundProcessor>());
        services.AddSingleton<InboxWriter>();
        services.AddSingleton<IInbox>(sp => sp.GetRequiredService<InboxWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<InboxWriter>());
    }

    /// <summary>Outbound calls to addresses others choose (webhook URLs, ConnectWise key URLs): no redirects, no proxy, public addresses only.</summary>
    private static SocketsHttpHandler GuardedHandler(IServiceProvider services) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = services.GetRequiredService<OutboundAddressGuard>().ConnectAsync,
    };

    /// <summary>The <c>Database</c> section and <c>ConnectionStrings:Sla</c>; with neither, a SQLite file beside the program.</summary>
    public static DatabaseOptions ReadDatabaseOptions(IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection(DatabaseOptions.SectionName).Bind(options);
        options.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? "";
        if (options.ConnectionString.Length == 0)
        {
            if (options.Provider != DatabaseProvider.Sqlite)
                throw new InvalidOperationException($"ConnectionStrings:{DatabaseOptions.ConnectionStringName} is required for {options.Provider}.");
            options.ConnectionString = $"Data Source={Path.Combine(AppContext.BaseDirectory, DatabaseOptions.DefaultSqliteFile)}";
        }
        if (options.Provider == DatabaseProvider.Sqlite)
            options.ConnectionString = WithSqliteDefaults(options.ConnectionString);
        return options;
    }

    private static string WithSqliteDefaults(string connectionString) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
}
