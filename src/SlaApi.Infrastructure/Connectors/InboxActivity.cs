namespace SlaApi.Infrastructure.Connectors;

/// <summary>
/// Whether deliveries are arriving: the inbox writer counts what waits to be stored, and the processor gives way to
/// it, since a tool waits seconds at most for its answer while processing may come a little later.
/// </summary>
public sealed class InboxActivity
{
    private int _waiting;

    public bool IsReceiving => Volatile.Read(ref _waiting) > 0;

    public int Arrived() => Interlocked.Increment(ref _waiting);

    public void Left(int count) => Interlocked.Add(ref _waiting, -count);

    /// <summary>
    /// Waits until nothing waits to be stored, or at most <paramref name="longest"/>, so processing never stops
    /// altogether. Measured on the real clock: it paces work, it does not tell business time.
    /// </summary>
    public async Task GiveWayAsync(TimeSpan longest, CancellationToken ct)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (IsReceiving && waited.Elapsed < longest)
            await Task.Delay(TimeSpan.FromMilliseconds(2), ct);
    }
}
