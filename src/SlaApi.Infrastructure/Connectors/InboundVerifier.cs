using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using BitFaster.Caching.Lru;
using SlaApi.Application.Connectors;
using SlaApi.Domain.Connectors;
using SlaApi.Infrastructure.Webhooks;

namespace SlaApi.Infrastructure.Connectors;

/// <summary>
/// Checks deliveries as each tool signs them (connectors design §1–4, §6): the inbound URL's token for every kind;
/// Autotask's HMAC-SHA1 of the body with the webhook's secret key; ConnectWise's HMAC-SHA256 of the body with the
/// SHA-256 of a signing key fetched from the payload's key_url, only from an allowed host, through the outbound
/// guard (https, no redirects, no private addresses) and cached; Halo's Basic or Bearer secret. Every comparison
/// is in constant time.
/// </summary>
public sealed class InboundVerifier(IHttpClientFactory clients, OutboundAddressGuard guard, InboundOptions options, TimeProvider time) : IInboundVerifier
{
    public const string ClientName = "connectwise-signing-keys";
    public const int KeyCacheCapacity = 1_000;

    private readonly FastConcurrentLru<string, (byte[] Key, DateTimeOffset FetchedAt)> _signingKeys = new(KeyCacheCapacity);

    public async Task<string?> RefusalAsync(Connection connection, string token, byte[] body, DeliveryCredentials credentials, CancellationToken ct)
    {
        if (!SameText(token, connection.Token))
            return "The inbound URL's token is not this connection's.";
        return connection.Kind switch
        {
            ConnectorKind.Autotask => AutotaskRefusal(connection, body, credentials),
            ConnectorKind.ConnectWise => await ConnectWiseRefusalAsync(connection, body, credentials, ct),
            ConnectorKind.Halo => HaloRefusal(connection, credentials),
            _ => null,
        };
    }

    private static string? AutotaskRefusal(Connection connection, byte[] body, DeliveryCredentials credentials)
    {
        const string prefix = "sha1=";
        if (credentials.Signature is not { } header || !header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            return "X-Hook-Signature (sha1=…) is missing.";
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(connection.Secret!), body));
        return SameText(header[prefix.Length..].Trim(), expected) ? null : "X-Hook-Signature does not match the body signed with the connection's secret.";
    }

    private async Task<string?> ConnectWiseRefusalAsync(Connection connection, byte[] body, DeliveryCredentials credentials, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(credentials.Signature))
            return "x-content-signature is missing.";
        if (DeliveryFormats.ConnectWiseKeyUrl(Encoding.UTF8.GetString(body)) is not { } keyUrl)
            return "The callback names no Metadata.key_url to fetch its signing key from.";
        if (!Uri.TryCreate(keyUrl, UriKind.Absolute, out var uri) || !connection.AllowsKeyHost(uri.Host))
            return "The callback's key_url is not on a host the connection allows; nothing was fetched from it.";
        if (guard.Refusal(uri) is { } refused)
            return $"The callback's key_url is refused: {refused}";

        var key = await SigningKeyAsync(uri, ct);
        if (key is null)
            return "The signing key could not be fetched from the callback's key_url.";
        var expected = Convert.ToBase64String(HMACSHA256.HashData(SHA256.HashData(key), body));
        return SameText(credentials.Signature.Trim(), expected) ? null : "x-content-signature does not match the body signed with the key from key_url.";
    }

    private async Task<byte[]?> SigningKeyAsync(Uri keyUrl, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_signingKeys.TryGet(keyUrl.AbsoluteUri, out var cached) && now - cached.FetchedAt < options.SigningKeyLifetime)
            return cached.Key;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.SigningKeyTimeout);
            using var response = await clients.CreateClient(ClientName).GetAsync(keyUrl, timeout.Token);
            if (!response.IsSuccessStatusCode)
                return null;
            var answer = await response.Content.ReadFromJsonAsync<SigningKeyAnswer>(timeout.Token);
            if (string.IsNullOrEmpty(answer?.SigningKey))
                return null;
            var key = Encoding.UTF8.GetBytes(answer.SigningKey);
            _signingKeys.AddOrUpdate(keyUrl.AbsoluteUri, (key, now));
            return key;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private static string? HaloRefusal(Connection connection, DeliveryCredentials credentials)
    {
        var authorization = credentials.Authorization ?? "";
        string presented;
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["Bearer ".Length..].Trim();
        }
        else if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && Decode(authorization["Basic ".Length..].Trim()) is { } pair)
        {
            presented = pair[(pair.IndexOf(':') + 1)..];
        }
        else
        {
            return "Authorization (Basic or Bearer with the connection's secret) is missing.";
        }
        return SameText(presented, connection.Secret!) ? null : "Authorization does not hold the connection's secret.";
    }

    private static string? Decode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Compares hashes of both, so that neither the content nor the length of the secret leaks through timing.</summary>
    private static bool SameText(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private sealed record SigningKeyAnswer([property: System.Text.Json.Serialization.JsonPropertyName("signing_key")] string? SigningKey);
}
