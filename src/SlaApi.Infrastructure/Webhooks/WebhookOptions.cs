namespace SlaApi.Infrastructure.Webhooks;

/// <summary>The <c>Webhooks</c> section: how deliveries are sent and retried.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Lets deliveries reach loopback and private addresses, and plain http: for development and tests only.</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>How long one attempt may take, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries within one run of attempts, with exponential backoff and jitter from <see cref="ImmediateRetryDelay"/>.</summary>
    public int ImmediateRetries { get; set; } = 2;

    public TimeSpan ImmediateRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The waits between runs after a run failed, each with ±20 % jitter; after the last the delivery is given up.
    /// The default follows the Standard Webhooks suggestion and spans 27.5 hours.
    /// </summary>
    public TimeSpan[] RetrySchedule { get; set; } =
    [
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>
    /// How long a claimed delivery is held by the node sending it; if that node dies, another sends it after this.
    /// Longer than a whole run of attempts.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Deliveries sent at the same time by one node.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>
    /// Deliveries sent at the same time by one node to one receiver (scheme, host and port): a receiver that never
    /// answers holds this many sends, never the node's every one.
    /// </summary>
    public int ConcurrencyPerReceiver { get; set; } = 4;
}
