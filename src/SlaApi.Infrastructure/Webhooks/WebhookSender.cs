using System.Diagnostics;
using System.Net;
using System.Text;
using Polly;
using Polly.Retry;
using StandardWebhooks;

namespace SlaApi.Infrastructure.Webhooks;

/// <summary>
/// Sends one delivery as a run of attempts: the first at once, then <see cref="WebhookOptions.ImmediateRetries"/> more
/// with exponential backoff and jitter (Polly) on a timeout, a connection error, 408, 409, 429 or 5xx. Every attempt
/// carries the same <c>webhook-id</c> and is signed afresh (Standard Webhooks: HMAC-SHA256 of id.timestamp.body with
/// each signing secret). Redirects are never followed.
/// </summary>
public sealed class WebhookSender
{
    public const string ClientName = "webhooks";

    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public WebhookSender(IHttpClientFactory clients, WebhookOptions options, TimeProvider time)
    {
        _clients = clients;
        _time = time;
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.ImmediateRetries > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.ImmediateRetries,
                Delay = options.ImmediateRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TaskCanceledException>()
                    .HandleResult(response => IsTransient(response.StatusCode)),
            });
        }
        _pipeline = pipeline.Build();
    }

    public async Task<SendResult> SendAsync(OutgoingDelivery delivery, CancellationToken ct)
    {
        var attempts = new List<AttemptResult>();
        var client = _clients.CreateClient(ClientName);
        try
        {
            using var response = await _pipeline.ExecuteAsync(async token =>
            {
                var started = Stopwatch.GetTimestamp();
                var attemptedAt = _time.GetUtcNow();
                try
                {
                    var answer = await client.SendAsync(Request(delivery), HttpCompletionOption.ResponseHeadersRead, token);
                    attempts.Add(new AttemptResult(attemptedAt, (int)answer.StatusCode, Elapsed(started), null));
                    return answer;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested)
                {
                    attempts.Add(new AttemptResult(attemptedAt, null, Elapsed(started), Describe(e)));
                    throw;
                }
            }, ct);
            var status = response.StatusCode;
            var outcome = (int)status is >= 200 and < 300 ? SendOutcome.Delivered
                : status == HttpStatusCode.Gone ? SendOutcome.Gone
                : IsTransient(status) ? SendOutcome.Transient
                : SendOutcome.Refused;
            return new SendResult(outcome, attempts);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new SendResult(SendOutcome.Transient, attempts);
        }
    }

    private static HttpRequestMessage Request(OutgoingDelivery delivery)
    {
        // The receiver checks webhook-timestamp against its own clock, so it is the wall clock's whatever schedules deliveries.
        var timestamp = DateTimeOffset.UtcNow;
        var id = delivery.Id.ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", string.Join(' ', delivery.Secrets.Select(secret => new StandardWebhook(secret).Sign(id, timestamp, delivery.Body))));
        request.Headers.UserAgent.ParseAdd("SlaApi-Webhooks/1.0");
        return request;
    }

    /// <summary>Worth another attempt: the receiver was busy, timed out, or failed, rather than refusing the delivery.</summary>
    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static string Describe(Exception e) => e is TaskCanceledException
        ? "No answer within the timeout."
        : e.InnerException?.Message is { } inner ? $"{e.Message} ({inner})" : e.Message;
}

/// <param name="Secrets">The subscription's signing secrets now: each signs, so a receiver that knows either verifies it.</param>
public sealed record OutgoingDelivery(Guid Id, string Url, string Body, IReadOnlyList<string> Secrets);

public enum SendOutcome
{
    Delivered,

    /// <summary>410: the receiver is gone for good; the subscription is disabled.</summary>
    Gone,

    /// <summary>A 3xx or 4xx other than 408, 409 and 429: sending again would not help.</summary>
    Refused,

    /// <summary>Worth another run later.</summary>
    Transient,
}

/// <param name="StatusCode">Null when no answer came.</param>
public sealed record AttemptResult(DateTimeOffset AttemptedAt, int? StatusCode, long LatencyMs, string? Error);

public sealed record SendResult(SendOutcome Outcome, IReadOnlyList<AttemptResult> Attempts);
