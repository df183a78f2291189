using System.Threading.RateLimiting;

namespace SlaApi.Api.Access;

/// <summary>
/// Failures per client address: an address that fails more often a minute than its allowance is answered 429, with
/// Retry-After, for what it fails at until the allowance refills. What succeeds is never refused, so a client failing
/// behind the same proxy locks no one else out; the client address is the one the forwarded headers of a known proxy
/// name (README, Configuration).
/// </summary>
public abstract class AddressThrottle(int failuresPerMinute) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetTokenBucketLimiter(address, _ => RateLimitOptions.Bucket(failuresPerMinute, failuresPerMinute, Window)));

    public bool IsBlocked(string address) => _failures.GetStatistics(address) is { CurrentAvailablePermits: <= 0 };

    public void Failed(string address)
    {
        using var lease = _failures.AttemptAcquire(address);
    }

    public void Dispose()
    {
        _failures.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Unknown, revoked or expired API keys, <see cref="RateLimitOptions.FailedAuthenticationsPerMinute"/> an address.</summary>
public sealed class FailedAuthenticationThrottle(RateLimitOptions options) : AddressThrottle(options.FailedAuthenticationsPerMinute);

/// <summary>
/// Inbound URLs that name no connection or carry a wrong token or signature, <see cref="RateLimitOptions.FailedInboundPerMinute"/>
/// an address. A throttled address is answered 429 before any lookup or any byte of its body is read, unless its URL names
/// a connection this node has just seen.
/// </summary>
public sealed class InboundFailureThrottle(RateLimitOptions options) : AddressThrottle(options.FailedInboundPerMinute);
