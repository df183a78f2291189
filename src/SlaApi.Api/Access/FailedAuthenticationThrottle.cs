using System.Threading.RateLimiting;

namespace SlaApi.Api.Access;

/// <summary>
/// Failed authentications per client address: an address that sends more unknown, revoked or expired keys than
/// <see cref="RateLimitOptions.FailedAuthenticationsPerMinute"/> is answered 429 without any key being looked at,
/// until its allowance refills. Guessing keys then costs the guesser time and costs the database nothing.
/// </summary>
public sealed class FailedAuthenticationThrottle(RateLimitOptions options) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetTokenBucketLimiter(address, _ => RateLimitOptions.Bucket(options.FailedAuthenticationsPerMinute, options.FailedAuthenticationsPerMinute, Window)));

    public bool IsBlocked(string address) => _failures.GetStatistics(address) is { CurrentAvailablePermits: <= 0 };

    public void Failed(string address)
    {
        using var lease = _failures.AttemptAcquire(address);
    }

    public void Dispose() => _failures.Dispose();
}
