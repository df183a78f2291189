using System.Threading.RateLimiting;

namespace SlaApi.Api.Access;

/// <summary>
/// Failed authentications per client address: an address that sends more unknown, revoked or expired keys than
/// <see cref="RateLimitOptions.FailedAuthenticationsPerMinute"/> has its failures answered 429, with Retry-After, until
/// its allowance refills. A valid key is never refused, so a guesser behind the same proxy locks no one else out; the
/// client address is the one the forwarded headers of a known proxy name (README, Configuration).
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
