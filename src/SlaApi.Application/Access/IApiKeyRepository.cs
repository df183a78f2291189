using SlaApi.Domain.Access;

namespace SlaApi.Application.Access;

public interface IApiKeyRepository
{
    Task<ApiKey?> GetAsync(Guid id, CancellationToken ct);

    Task<ApiKey?> FindByPrefixAsync(string prefix, CancellationToken ct);

    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct);

    Task<bool> AnyAsync(CancellationToken ct);

    Task AddAsync(ApiKey key, CancellationToken ct);

    Task RevokeAsync(ApiKey key, CancellationToken ct);

    Task TouchAsync(Guid id, DateTimeOffset usedAt, CancellationToken ct);
}
