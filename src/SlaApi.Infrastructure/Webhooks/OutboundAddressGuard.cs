using System.Net;
using System.Net.Sockets;
using SlaApi.Application.Webhooks;

namespace SlaApi.Infrastructure.Webhooks;

/// <summary>
/// Keeps deliveries off the API's own network: a webhook URL must be https and its host must resolve to public
/// addresses only. The check runs when a subscription is made, on the URL, and again at every connection, on the
/// addresses actually connected to, so a name that later resolves to a private address (DNS rebinding) is refused too.
/// </summary>
public sealed class OutboundAddressGuard(WebhookOptions options) : IWebhookUrlPolicy
{
    public string? Refusal(Uri url)
    {
        if (url.Scheme != Uri.UriSchemeHttps && !(options.AllowPrivateAddresses && url.Scheme == Uri.UriSchemeHttp))
            return "The webhook URL must use https.";
        if (!string.IsNullOrEmpty(url.UserInfo))
            return "The webhook URL must not carry credentials; deliveries are signed.";
        if (options.AllowPrivateAddresses)
            return null;
        if (url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var address) && !IsPublic(address)))
            return "The webhook URL must not point at a loopback, private or link-local address.";
        return null;
    }

    /// <summary>Connects to the first allowed address the host resolves to; refuses when there is none.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = options.AllowPrivateAddresses ? addresses : addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException($"'{host}' resolves to no public address; loopback, private and link-local addresses are refused.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
            return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return IsPublicIPv6(address);
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => false,
            100 => b[1] is < 64 or > 127,
            169 => b[1] != 254,
            172 => b[1] is < 16 or > 31,
            192 => !(b[1] == 168 || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99)),
            198 => b[1] is not (18 or 19) && !(b[1] == 51 && b[2] == 100),
            203 => !(b[1] == 0 && b[2] == 113),
            >= 224 => false,
            _ => true,
        };
    }

    /// <summary>
    /// IPv6 that reaches IPv4 is judged by the IPv4 address it carries: NAT64 (64:ff9b::/96), 6to4 (2002::/16) and
    /// IPv4-compatible (::a.b.c.d) addresses. Teredo (2001::/32) hides its client behind a relay, and local NAT64
    /// (64:ff9b:1::/48), discard (100::/64) and documentation (2001:db8::/32) prefixes reach nothing public: all refused.
    /// </summary>
    private static bool IsPublicIPv6(IPAddress address)
    {
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
            return false;
        var b = address.GetAddressBytes();
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
            return IsPublic(new IPAddress(b.AsSpan(12, 4)));
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
            return b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0 && IsPublic(new IPAddress(b.AsSpan(12, 4)));
        if (b[0] == 0x20 && b[1] == 0x02)
            return IsPublic(new IPAddress(b.AsSpan(2, 4)));
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
            return false;
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
            return false;
        return !(b[0] == 0x01 && b.AsSpan(1, 7).IndexOfAnyExcept((byte)0) < 0);
    }
}
