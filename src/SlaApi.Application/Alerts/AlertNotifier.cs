namespace SlaApi.Application.Alerts;

/// <summary>Tells the live streams of this node that alerts fired, so they read them at once rather than at their next poll.</summary>
public sealed class AlertNotifier
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes the next time alerts fire on this node.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Fired() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
