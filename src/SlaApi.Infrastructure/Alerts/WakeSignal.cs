namespace SlaApi.Infrastructure.Alerts;

/// <summary>Lets a background loop sleep until its next poll or until someone has work for it, whichever comes first.</summary>
public sealed class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake-pending: one wake-up serves every caller.
        }
    }

    /// <summary>Waits for <paramref name="poll"/> on <paramref name="time"/>'s clock, or until woken.</summary>
    public async Task WaitAsync(TimeSpan poll, TimeProvider time, CancellationToken ct)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var woken = _signal.WaitAsync(waiting.Token);
        var elapsed = Task.Delay(poll, time, waiting.Token);
        await Task.WhenAny(woken, elapsed);
        await waiting.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }
}
