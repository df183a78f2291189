using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SlaApi.TestSupport;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace SlaApi.Api.FunctionalTests.Alerts;

/// <summary>
/// A webhook receiver on a loopback port, as an MSP would write one: it verifies each delivery's signature with the
/// StandardWebhooks library against the secrets it knows, answers what <see cref="Answer"/> says, and records every request.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private int _requests;
    private int _waiting;

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The secrets a delivery may be signed with; a delivery signed with none of them is answered 401.</summary>
    public List<string> Secrets { get; } = [];

    /// <summary>The status to answer the n-th request (1-based) with, once its signature is verified.</summary>
    public Func<int, int> Answer { get; set; } = _ => StatusCodes.Status200OK;

    /// <summary>How long to wait before answering.</summary>
    public TimeSpan Delay { get; set; }

    public ConcurrentQueue<ReceivedDelivery> Received { get; } = new();

    /// <summary>Requests being answered now, held by <see cref="Delay"/>.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public IEnumerable<ReceivedDelivery> Accepted => Received.Where(r => r.Status is >= 200 and < 300);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = LoopbackPorts.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, $"http://127.0.0.1:{port}/hooks");
        app.MapPost("/hooks", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits up to <paramref name="seconds"/> (real time) for <paramref name="condition"/>, calling <paramref name="step"/> between looks.</summary>
    public async Task<bool> WaitForAsync(Func<WebhookReceiver, bool> condition, Action? step = null, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (condition(this))
                return true;
            step?.Invoke();
            await Task.Delay(25);
        }
        return condition(this);
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var verifiedWith = Secrets.ToArray().Where(secret => Verifies(secret, body, request.Headers)).ToArray();
        var number = Interlocked.Increment(ref _requests);
        var status = verifiedWith.Length == 0 ? StatusCodes.Status401Unauthorized : Answer(number);
        if (Delay > TimeSpan.Zero)
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await Task.Delay(Delay, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
        Received.Enqueue(new ReceivedDelivery(number, request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
            request.Headers["webhook-signature"].ToString(), verifiedWith, body, JsonNode.Parse(body)!, status));
        return Results.StatusCode(status);
    }

    private static bool Verifies(string secret, string body, IHeaderDictionary headers)
    {
        try
        {
            new StandardWebhook(secret).Verify(body, headers);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <param name="VerifiedWith">The secrets the library verified the delivery with.</param>
public sealed record ReceivedDelivery(
    int Number, string WebhookId, string Timestamp, string Signature, IReadOnlyList<string> VerifiedWith, string RawBody, JsonNode Body, int Status)
{
    /// <summary>
    /// Whether the signature header holds the signature <paramref name="secret"/> makes, wherever it stands in the list:
    /// StandardWebhooks 1.1.2's Verify compares every signature of the list but the last.
    /// </summary>
    public bool SignedWith(string secret) =>
        Signature.Split(' ').Contains(new StandardWebhook(secret).Sign(WebhookId, DateTimeOffset.FromUnixTimeSeconds(long.Parse(Timestamp)), RawBody));
}
