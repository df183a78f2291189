namespace SlaApi.Application.Common.Exceptions;

/// <summary>The caller holds its share of a shared resource already; nothing was taken on (HTTP 429 with Retry-After).</summary>
public sealed class TooManyRequestsException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
