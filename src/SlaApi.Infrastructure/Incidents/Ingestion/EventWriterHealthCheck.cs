using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SlaApi.Infrastructure.Incidents.Ingestion;

/// <summary>Ready only while the event writer's loop runs: without it no event can be recorded.</summary>
public sealed class EventWriterHealthCheck(EventWriter writer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(writer.IsRunning
            ? HealthCheckResult.Healthy("The event writer is running.")
            : HealthCheckResult.Unhealthy("The event writer is not running."));
}
