using System.Security.Cryptography;

namespace SlaApi.Domain.Alerts;

/// <summary>
/// Where alerts of some types are delivered, signed with the subscription's secret (Standard Webhooks). The secret is
/// kept as it is, since every delivery is signed with it; it is shown once. After a rotation the previous secret also
/// signs for <see cref="SecretOverlap"/>, so a receiver can change secrets without missing a delivery.
/// </summary>
public sealed class WebhookSubscription
{
    public const int UrlMaxLength = 2000;
    public const int DefaultRenewalDays = 30;
    public const int MaxPerCustomer = 25;
    public const int MaxRenewalDays = 365;

    /// <summary>Deliveries sent again on request, per subscription and rolling hour: a retry is one more send the dispatcher owes.</summary>
    public const int MaxRetriesPerHour = 30;
    public static readonly TimeSpan RetryWindow = TimeSpan.FromHours(1);
    public const string SecretPrefix = "whsec_";
    public static readonly TimeSpan SecretOverlap = TimeSpan.FromHours(24);
    private const int SecretBytes = 32;

    private WebhookSubscription(
        Guid id, string url, IReadOnlyList<string> types, Guid? customerId, bool onlyDuringCoverage, int renewalDays,
        string secret, string? previousSecret, DateTimeOffset? previousSecretUntil, DateTimeOffset createdAt,
        DateTimeOffset? disabledAt, string? disabledReason)
    {
        Id = id;
        Url = url;
        Types = types;
        CustomerId = customerId;
        OnlyDuringCoverage = onlyDuringCoverage;
        RenewalDays = renewalDays;
        Secret = secret;
        PreviousSecret = previousSecret;
        PreviousSecretUntil = previousSecretUntil;
        CreatedAt = createdAt;
        DisabledAt = disabledAt;
        DisabledReason = disabledReason;
    }

    public Guid Id { get; }

    public string Url { get; }

    public IReadOnlyList<string> Types { get; }

    /// <summary>When set, only this customer's alerts are delivered.</summary>
    public Guid? CustomerId { get; }

    /// <summary>Warnings are delivered only while the policy's own calendar is open; breaches go at once.</summary>
    public bool OnlyDuringCoverage { get; }

    /// <summary>How many days ahead of a renewal or term end its renewal alert comes.</summary>
    public int RenewalDays { get; }

    public string Secret { get; }

    public string? PreviousSecret { get; }

    public DateTimeOffset? PreviousSecretUntil { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Set when the receiver answered 410 Gone: nothing more is delivered.</summary>
    public DateTimeOffset? DisabledAt { get; }

    public string? DisabledReason { get; }

    public static WebhookSubscription Subscribe(
        string url, IEnumerable<string> types, Guid? customerId, bool onlyDuringCoverage, int? renewalDays, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), url.Trim(), types.Distinct(StringComparer.Ordinal).ToArray(), customerId, onlyDuringCoverage,
            renewalDays ?? DefaultRenewalDays, NewSecret(), null, null, now, null, null);

    public static WebhookSubscription Rehydrate(
        Guid id, string url, IReadOnlyList<string> types, Guid? customerId, bool onlyDuringCoverage, int renewalDays,
        string secret, string? previousSecret, DateTimeOffset? previousSecretUntil, DateTimeOffset createdAt,
        DateTimeOffset? disabledAt, string? disabledReason) =>
        new(id, url, types, customerId, onlyDuringCoverage, renewalDays, secret, previousSecret, previousSecretUntil, createdAt, disabledAt, disabledReason);

    /// <summary>A new secret; the current one keeps signing beside it until the overlap ends.</summary>
    public WebhookSubscription RotateSecret(DateTimeOffset now) =>
        new(Id, Url, Types, CustomerId, OnlyDuringCoverage, RenewalDays, NewSecret(), Secret, now + SecretOverlap, CreatedAt, DisabledAt, DisabledReason);

    /// <summary>The secrets each delivery is signed with at <paramref name="now"/>: the current one, and the previous one during the overlap.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is { } previous && PreviousSecretUntil > now ? [Secret, previous] : [Secret];

    public bool Wants(string type, Guid? customerId) =>
        Types.Contains(type) && (CustomerId is null || CustomerId == customerId);

    private static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));
}
