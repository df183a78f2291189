using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Teams;

namespace SlaApi.Application.Teams;

public interface ITeamRepository
{
    /// <summary>The given version, or the latest when <paramref name="version"/> is null.</summary>
    Task<Team?> GetAsync(Guid id, int? version, CancellationToken ct);

    /// <summary>The version in force at <paramref name="at"/>: the last one effective by then, else the first.</summary>
    Task<Team?> GetInForceAsync(Guid id, DateTimeOffset at, CancellationToken ct);

    /// <summary>The latest version of each of the teams that exist.</summary>
    Task<IReadOnlyList<Team>> GetLatestAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    Task<IReadOnlySet<Guid>> FindExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    Task AddAsync(Team team, CancellationToken ct);

    /// <summary>Stores <paramref name="revised"/> as the latest version; false when another edit got there first.</summary>
    Task<bool> AddVersionAsync(Team revised, CancellationToken ct);

    Task<Page<Team>> ListAsync(PageRequest page, CancellationToken ct);
}
