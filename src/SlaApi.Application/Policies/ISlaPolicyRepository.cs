using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Policies;

namespace SlaApi.Application.Policies;

public interface ISlaPolicyRepository
{
    /// <summary>The given version, or the latest when <paramref name="version"/> is null.</summary>
    Task<SlaPolicy?> GetAsync(Guid id, int? version, CancellationToken ct);

    /// <summary>The version in force at <paramref name="at"/>: the last one effective by then, else the first.</summary>
    Task<SlaPolicy?> GetInForceAsync(Guid id, DateTimeOffset at, CancellationToken ct);

    Task<bool> ExistsAsync(Guid id, CancellationToken ct);

    Task AddAsync(SlaPolicy policy, CancellationToken ct);

    /// <summary>Stores <paramref name="revised"/> as the latest version; false when another edit got there first.</summary>
    Task<bool> AddVersionAsync(SlaPolicy revised, CancellationToken ct);

    Task<Page<SlaPolicy>> ListAsync(PageRequest page, CancellationToken ct);
}
