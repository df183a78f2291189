using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SlaApi.Application.Common.Telemetry;

namespace SlaApi.Api;

/// <summary>
/// OpenTelemetry traces and metrics. Metrics are scraped at <c>/metrics</c> (Prometheus text) unless
/// <c>Metrics:Enabled</c> is false; with <c>Metrics:Port</c> set they answer only on that port, which the operator adds
/// to the listening URLs and keeps off the public network. Both are exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the other OTEL_* variables itself). Spans are recorded
/// only when they go somewhere: with an OTLP endpoint, or <c>Tracing:Enabled</c> for an exporter added in code; logs
/// carry the request's trace id either way, from the activity ASP.NET Core starts for every request.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "SlaApi";
    private const string MetricsPath = "/metrics";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName));
        if (otlp || configuration.GetValue("Tracing:Enabled", false))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(SlaApiActivities.SourceName)
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !IsOperational(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSqlClientInstrumentation());
        }
        telemetry.WithMetrics(metrics =>
        {
            metrics
                .AddMeter(SlaApiMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation();
            if (MetricsEnabled(configuration))
                metrics.AddPrometheusExporter();
        });
        if (otlp)
            telemetry.UseOtlpExporter();
        return services;
    }

    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        if (!MetricsEnabled(app.Configuration))
            return app;
        var endpoint = app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous().DisableRateLimiting();
        if (app.Configuration.GetValue<int?>("Metrics:Port") is { } port)
            endpoint.Add(builder => builder.RequestDelegate = OnlyOnPort(port, builder.RequestDelegate!));
        return app;
    }

    /// <summary>
    /// Judged by the port the connection came in on, never by the Host header, which any client writes: on every other
    /// port the endpoint is as absent as an unknown path.
    /// </summary>
    private static RequestDelegate OnlyOnPort(int port, RequestDelegate scrape) => context =>
    {
        if (context.Connection.LocalPort == port)
            return scrape(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    };

    private static bool MetricsEnabled(IConfiguration configuration) => configuration.GetValue("Metrics:Enabled", true);

    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health");
}
