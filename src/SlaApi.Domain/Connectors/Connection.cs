using System.Buffers.Text;
using System.Security.Cryptography;
using SlaApi.Domain.Common;

namespace SlaApi.Domain.Connectors;

/// <summary>
/// A PSA or RMM tool posting to its own inbound URL. The URL's token authenticates every kind; Autotask also signs
/// with <see cref="Secret"/>, Halo sends it as Basic or Bearer credentials, and ConnectWise signs with a key fetched
/// from a host on <see cref="KeyUrlHosts"/>. Versioned: a revision stores version N+1; the kind and token stay.
/// </summary>
public sealed class Connection
{
    public const int NameMaxLength = 200;
    public const int SecretMaxLength = 200;
    public const int MaxKeyUrlHosts = 20;
    private const int TokenBytes = 32;

    private Connection(
        Guid id, int version, ConnectorKind kind, string token, string name, string source, string? secret,
        IReadOnlyList<string> keyUrlHosts, ConnectionMapping mapping, DateTimeOffset createdAt, DateTimeOffset versionCreatedAt)
    {
        Id = id;
        Version = version;
        Kind = kind;
        Token = token;
        Name = name;
        Source = source;
        Secret = secret;
        KeyUrlHosts = keyUrlHosts;
        Mapping = mapping;
        CreatedAt = createdAt;
        VersionCreatedAt = versionCreatedAt;
    }

    public Guid Id { get; }

    public int Version { get; }

    public ConnectorKind Kind { get; }

    /// <summary>The secret part of the inbound URL.</summary>
    public string Token { get; }

    public string Name { get; }

    /// <summary>The incidents' <c>source</c>, and the source of the customers' external refs that name companies.</summary>
    public string Source { get; }

    public string? Secret { get; }

    public IReadOnlyList<string> KeyUrlHosts { get; }

    public ConnectionMapping Mapping { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset VersionCreatedAt { get; }

    public static Connection Create(
        ConnectorKind kind, string name, string? source, string? secret, IReadOnlyList<string> keyUrlHosts, ConnectionMapping mapping, DateTimeOffset now)
    {
        Check(kind, secret, keyUrlHosts);
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        return new Connection(Guid.CreateVersion7(now), 1, kind, token, name.Trim(), Normalise(source, kind), secret,
            Hosts(keyUrlHosts), mapping, now, now);
    }

    /// <param name="secret">Null keeps the current secret.</param>
    public Connection Revise(string name, string? source, string? secret, IReadOnlyList<string> keyUrlHosts, ConnectionMapping mapping, DateTimeOffset now)
    {
        var kept = secret ?? Secret;
        Check(Kind, kept, keyUrlHosts);
        return new Connection(Id, Version + 1, Kind, Token, name.Trim(), Normalise(source, Kind), kept, Hosts(keyUrlHosts), mapping, CreatedAt, now);
    }

    public static Connection Rehydrate(
        Guid id, int version, ConnectorKind kind, string token, string name, string source, string? secret,
        IReadOnlyList<string> keyUrlHosts, ConnectionMapping mapping, DateTimeOffset createdAt, DateTimeOffset versionCreatedAt) =>
        new(id, version, kind, token, name, source, secret, keyUrlHosts, mapping, createdAt, versionCreatedAt);

    /// <summary>True when <paramref name="host"/> is on the allow-list, exactly or under a <c>*.</c> entry.</summary>
    public bool AllowsKeyHost(string host) =>
        KeyUrlHosts.Any(allowed => allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase) && host.Length > allowed.Length - 1
            : string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase));

    private static void Check(ConnectorKind kind, string? secret, IReadOnlyList<string> keyUrlHosts)
    {
        if (kind is ConnectorKind.Autotask or ConnectorKind.Halo && string.IsNullOrEmpty(secret))
            throw new UnprocessableException("secret", $"A {kind.Name()} connection needs the secret its deliveries are checked with.");
        if (kind == ConnectorKind.ConnectWise && keyUrlHosts.Count == 0)
            throw new UnprocessableException("keyUrlHosts", "A connectwise connection needs the hosts its signing keys may be fetched from, such as api-na.myconnectwise.net.");
    }

    private static string Normalise(string? source, ConnectorKind kind) =>
        string.IsNullOrWhiteSpace(source) ? kind.Name() : source.Trim().ToLowerInvariant();

    private static string[] Hosts(IReadOnlyList<string> hosts) => hosts.Select(h => h.Trim().ToLowerInvariant()).Distinct().ToArray();
}
