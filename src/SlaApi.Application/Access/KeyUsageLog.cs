using System.Collections.Concurrent;

namespace SlaApi.Application.Access;

/// <summary>
/// When each key was last used, kept in memory and written in batches by a background flusher: authentication never
/// writes to the database, so a read stays a read and never waits behind the event writer.
/// </summary>
public sealed class KeyUsageLog
{
    private ConcurrentDictionary<Guid, DateTimeOffset> _pending = new();

    public void Record(Guid keyId, DateTimeOffset usedAt) =>
        _pending.AddOrUpdate(keyId, usedAt, (_, earlier) => usedAt > earlier ? usedAt : earlier);

    /// <summary>Use not yet written, to show beside what is stored.</summary>
    public DateTimeOffset? PendingFor(Guid keyId) => _pending.TryGetValue(keyId, out var usedAt) ? usedAt : null;

    /// <summary>Hands over what is pending; what is recorded meanwhile waits for the next flush.</summary>
    public IReadOnlyDictionary<Guid, DateTimeOffset> TakePending() => Interlocked.Exchange(ref _pending, new ConcurrentDictionary<Guid, DateTimeOffset>());

    /// <summary>Puts back use that could not be written, keeping anything later recorded meanwhile.</summary>
    public void Restore(IReadOnlyDictionary<Guid, DateTimeOffset> unwritten)
    {
        foreach (var (keyId, usedAt) in unwritten)
            Record(keyId, usedAt);
    }
}
