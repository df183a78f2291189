using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SlaApi.Api.Access;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address. When the operator names the proxies
/// (<c>ForwardedHeaders:KnownProxies</c>, addresses) or their networks (<c>ForwardedHeaders:KnownNetworks</c>, CIDR), the
/// client address and scheme are taken from the X-Forwarded-For and X-Forwarded-Proto those proxies add, so per-address
/// limits count each client; headers from anyone else are ignored. Without either setting nothing is forwarded.
/// </summary>
public static class ForwardedClients
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddForwardedClients(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = List(configuration, "KnownProxies").Select(p => IPAddress.TryParse(p, out var a) ? a : throw Invalid("KnownProxies", p)).ToArray();
        var networks = List(configuration, "KnownNetworks")
            .Select(n => System.Net.IPNetwork.TryParse(n, out var network) ? network : throw Invalid("KnownNetworks", n)).ToArray();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            if (proxies.Length == 0 && networks.Length == 0)
            {
                options.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = configuration.GetValue($"{Section}:ForwardLimit", 1);
            foreach (var proxy in proxies)
                options.KnownProxies.Add(proxy);
            foreach (var network in networks)
                options.KnownIPNetworks.Add(network);
        });
        return services;
    }

    private static string[] List(IConfiguration configuration, string setting) =>
        (configuration[$"{Section}:{setting}"] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static InvalidOperationException Invalid(string setting, string value) =>
        new($"{Section}:{setting} holds '{value}', which is not an {(setting == "KnownProxies" ? "IP address" : "IP network in CIDR notation")}.");
}
