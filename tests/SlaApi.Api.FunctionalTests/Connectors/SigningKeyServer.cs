using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Connectors;

/// <summary>ConnectWise's callback-key endpoint, simulated on a loopback port: it answers {"signing_key": …} and counts the requests.</summary>
public sealed class SigningKeyServer : IAsyncDisposable
{
    public const string KeyPath = "/v4_6_release/apis/3.0/system/callbackkey/index.rails";
    private readonly WebApplication _app;
    private int _requests;

    private SigningKeyServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string SigningKey { get; } = "cw-signing-key-" + Guid.NewGuid().ToString("N");

    public int Requests => _requests;

    public static async Task<SigningKeyServer> StartAsync()
    {
        var port = LoopbackPorts.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SigningKeyServer(app, port);
        app.MapGet(KeyPath, () =>
        {
            Interlocked.Increment(ref server._requests);
            return Results.Json(new Dictionary<string, string> { ["signing_key"] = server.SigningKey });
        });
        await app.StartAsync();
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
