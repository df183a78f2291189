using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SlaApi.Infrastructure.Persistence;

/// <summary>Ready when the database answers and every migration has been applied.</summary>
public sealed class DatabaseHealthCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult(migrator.IsUpToDate()
                ? HealthCheckResult.Healthy("Database reachable and migrated.")
                : HealthCheckResult.Unhealthy("Database reachable but migrations are pending."));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Database unreachable.", e));
        }
    }
}
