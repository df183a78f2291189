using NodaTime;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Simulations;

/// <summary>An incident as replay needs it: its binding and its whole history.</summary>
public sealed record ReplayIncident(Guid Id, Guid CustomerId, IncidentBinding Binding, IncidentHistory History);

/// <summary>The stored incidents of some agreements, read in one pass for replaying them.</summary>
public interface IReplaySource
{
    Task<long> CountAsync(IReadOnlyCollection<Guid> agreementIds, Instant from, Instant to, CancellationToken ct);

    /// <summary>The agreements' incidents opened in [from, to), each with all its events; streamed.</summary>
    IAsyncEnumerable<ReplayIncident> StreamAsync(IReadOnlyCollection<Guid> agreementIds, Instant from, Instant to, CancellationToken ct);
}
