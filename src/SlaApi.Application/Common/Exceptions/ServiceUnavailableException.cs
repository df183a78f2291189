namespace SlaApi.Application.Common.Exceptions;

/// <summary>The request was not taken: nothing of it was stored, and the same request may be sent again after <see cref="RetryAfter"/>.</summary>
public sealed class ServiceUnavailableException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
