using NodaTime;

namespace SlaApi.Application.Incidents.UpgradeRules;

/// <summary>Which versions of the rules of meaning every stored incident has been replayed under.</summary>
public interface IRuleUpgradeRepository
{
    Task<bool> HasRunAsync(int rulesVersion, CancellationToken ct);

    Task RecordAsync(int rulesVersion, Instant completedAt, long incidents, long verdictsChanged, CancellationToken ct);
}
