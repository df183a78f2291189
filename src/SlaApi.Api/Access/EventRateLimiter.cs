using System.Globalization;
using System.Threading.RateLimiting;
using SlaApi.Api.Contracts.V1;

namespace SlaApi.Api.Access;

/// <summary>
/// Events cost one token each, per key: a batch of 1,000 events is a thousand times the work of one, and the request
/// limit alone would let a key send a thousand times more events than its share by batching.
/// </summary>
public sealed class EventRateLimiter(RateLimitOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(keyId =>
        RateLimitPartition.GetTokenBucketLimiter(keyId, _ => RateLimitOptions.Bucket(options.EventTokenLimit, options.EventsPerSecond, TimeSpan.FromSeconds(1))));

    /// <returns>Null when the events may go ahead; otherwise how long to wait.</returns>
    public TimeSpan? TryTake(string keyId, int events)
    {
        using var lease = _limiter.AttemptAcquire(keyId, Math.Min(events, options.EventTokenLimit));
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
    }

    public int EventsPerSecond => options.EventsPerSecond;

    public void Dispose() => _limiter.Dispose();
}

/// <summary>Takes an event endpoint's events from the key's allowance before the request goes further.</summary>
public sealed class EventRateLimitFilter(EventRateLimiter limiter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var events = context.Arguments.Sum(a => a switch
        {
            IncidentEventBatchRequest batch => batch.Events?.Count ?? 0,
            IncidentEventRequest => 1,
            _ => 0,
        });
        var keyId = context.HttpContext.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value ?? "";
        if (events == 0 || limiter.TryTake(keyId, events) is not { } wait)
            return await next(context);

        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many events for this key.",
            detail: $"This key may send {limiter.EventsPerSecond} events a second; nothing was recorded. Retry after {seconds} s.");
    }
}
