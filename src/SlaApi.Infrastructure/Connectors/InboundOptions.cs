namespace SlaApi.Infrastructure.Connectors;

/// <summary>The <c>Inbound</c> section: how deliveries from PSA and RMM tools are checked and processed.</summary>
public sealed class InboundOptions
{
    public const string SectionName = "Inbound";

    /// <summary>Deliveries waiting to be stored before the inbound URLs answer 503; about 10 MB of typical deliveries.</summary>
    public int MaxQueuedDeliveries { get; set; } = 5_000;

    /// <summary>Deliveries one round of the processor takes.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a claimed delivery is held by the node processing it; another node takes it over after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest the processor waits, before each delivery, for deliveries being received to be stored.</summary>
    public TimeSpan LongestGiveWay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Processing a delivery that failed this many times with an error (not a refusal) is given up; it stays failed until reprocessed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a ConnectWise signing key fetched from its key_url is used before it is fetched again.</summary>
    public TimeSpan SigningKeyLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long fetching a ConnectWise signing key may take: ConnectWise waits 5 s for the whole answer.</summary>
    public TimeSpan SigningKeyTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
