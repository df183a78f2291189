using SlaApi.Domain.Access;

namespace SlaApi.Application.Access;

public interface IApiKeyRepository
{
    Task<ApiKey?> GetAsync(Guid id, CancellationToken ct);

    Task<ApiKey?> FindByPrefixAsync(string prefix, CancellationToken ct);

    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct);

    Task<bool> AnyAsync(CancellationToken ct);

    /// <summary>Claims the issue of the first admin key; false when a node claimed it before, even one still committing.</summary>
    Task<bool> TryClaimBootstrapAsync(DateTimeOffset at, CancellationToken ct);

    Task AddAsync(ApiKey key, CancellationToken ct);

    Task RevokeAsync(ApiKey key, CancellationToken ct);

    Task TouchAsync(Guid id, DateTimeOffset usedAt, CancellationToken ct);
}
