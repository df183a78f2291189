using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SlaApi.Api.Access;
using SlaApi.Application.Access;
using SlaApi.Application.Alerts;
using SlaApi.Application.Alerts.ListAlerts;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Common.Persistence;
using SlaApi.Domain.Access;

namespace SlaApi.Api.Endpoints;

public static class AlertEndpoints
{
    private const int DefaultLimit = 100;
    private const string LastEventIdHeader = "Last-Event-ID";

    /// <summary>Alerts other nodes fired reach this node's streams at their next poll.</summary>
    private static readonly TimeSpan StreamPoll = TimeSpan.FromSeconds(1);

    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts");
        alerts.MapGet("/", ListAlerts).WithName(nameof(ListAlerts))
            .WithDescription("Oldest first after the cursor 'after' (0 for the beginning), at most 'limit' (≤ 500, 100 when absent); ask again with 'next'. Types: clock.threshold-reached, clock.breached, clock.met, incident.unbound, agreement.renewal-due. A customer-bound key sees its own customer's alerts. Scope sla:read.")
            .WithSummary("The alert feed, for tools without a public URL: poll with the cursor.").RequiresScope(Scopes.SlaRead).WithProblems();
        alerts.MapGet("/stream", StreamAlerts).WithName(nameof(StreamAlerts))
            .WithDescription("Server-Sent Events: each alert is an event named by its type, with its sequence as the id and the alert as JSON data. Resume with the Last-Event-ID header (or 'after'). 503 when the node serves as many streams as it may. Scope sla:read.")
            .WithSummary("Alerts as they fire, as a live Server-Sent Events stream.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream").RequiresScope(Scopes.SlaRead).WithProblems();
        return api;
    }

    private static async Task<Ok<AlertPageDto>> ListAlerts(ISender sender, CancellationToken ct, long? after, int? limit, Guid? customerId) =>
        TypedResults.Ok(await sender.Send(new ListAlertsQuery(after ?? 0, limit ?? DefaultLimit, customerId), ct));

    private static async Task<IResult> StreamAlerts(
        HttpContext context, ISender sender, AlertStreams streams, ICallerContext caller, IUnitOfWork unitOfWork, CancellationToken ct,
        long? after, Guid? customerId)
    {
        var cursor = long.TryParse(context.Request.Headers[LastEventIdHeader], out var lastEventId) ? lastEventId : after ?? 0;
        // The query validates the cursor and the caller before the stream is opened, so refusals are problem+json.
        var first = await sender.Send(new ListAlertsQuery(cursor, DefaultLimit, customerId), ct);
        var lease = streams.TryOpen(caller.KeyId, caller.CustomerScope) switch
        {
            (StreamAdmission.Opened, var opened) => opened!,
            (StreamAdmission.NodeFull, _) => throw new ServiceUnavailableException(
                $"This node serves {streams.Limit} alert streams already; poll GET /api/v1/alerts meanwhile.", TimeSpan.FromSeconds(10)),
            (StreamAdmission.KeyFull, _) => throw new TooManyRequestsException(
                $"This key holds {streams.PerKey} alert streams open already; close one, or poll GET /api/v1/alerts.", TimeSpan.FromSeconds(10)),
            _ => throw new TooManyRequestsException(
                $"This customer's keys hold {streams.PerCustomer} alert streams open already; close one, or poll GET /api/v1/alerts.", TimeSpan.FromSeconds(10)),
        };
        context.Response.RegisterForDispose(lease);
        // The stream lives for hours: it must not keep the request's connection, which the pool has only so many of.
        await unitOfWork.ReleaseConnectionAsync();
        var presented = ApiKeyAuthenticationHandler.PresentedKey(context.Request)!;
        return new EventStream(Events(first, context.RequestServices.GetRequiredService<IServiceScopeFactory>(), streams,
            revokedOrExpired: async (services, token) => !await services.GetRequiredService<ApiKeyAuthenticator>().IsStillActiveAsync(presented, token),
            customerId, ct));
    }

    /// <summary>
    /// Server-Sent Events whose headers go out at once, before the first alert: a client knows it is connected (and a
    /// proxy does not time it out) while nothing fires.
    /// </summary>
    private sealed class EventStream(IAsyncEnumerable<SseItem<AlertDto>> events) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            try
            {
                await SseFormatter.WriteAsync(events, context.Response.Body, (item, buffer) =>
                {
                    using var writer = new Utf8JsonWriter(buffer);
                    JsonSerializer.Serialize(writer, item.Data, json);
                }, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>
    /// The alerts after the first page as they fire. The stream ends, within <see cref="StreamPoll"/>, once its key is
    /// revoked or expires: a stream outlives the authentication of the request that opened it.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<AlertDto>> Events(
        AlertPageDto first, IServiceScopeFactory scopes, AlertStreams streams, Func<IServiceProvider, CancellationToken, Task<bool>> revokedOrExpired,
        Guid? customerId, [EnumeratorCancellation] CancellationToken ct)
    {
        var page = first;
        while (!ct.IsCancellationRequested)
        {
            foreach (var alert in page.Items)
                yield return new SseItem<AlertDto>(alert, alert.Type) { EventId = alert.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (page.Items.Count < DefaultLimit)
                await Task.WhenAny(streams.Notifier.Next, Task.Delay(StreamPoll, streams.Time, ct));
            if (ct.IsCancellationRequested)
                break;
            // A scope per read: a stream holds no database connection while it waits.
            await using var scope = scopes.CreateAsyncScope();
            if (await revokedOrExpired(scope.ServiceProvider, ct))
                break;
            page = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ListAlertsQuery(page.Next, DefaultLimit, customerId), ct);
        }
    }
}

public enum StreamAdmission
{
    Opened,
    NodeFull,
    KeyFull,
    CustomerFull,
}

/// <summary>
/// Counts this node's open alert streams against <see cref="Limit"/>, and each key's and each customer's against their
/// shares, so no tenant can take every stream a node serves: each holds a connection open for as long as its client
/// wants. The request that opened one disposes its lease once, when the response ends however it ends.
/// </summary>
public sealed class AlertStreams(AlertNotifier notifier, TimeProvider time, IConfiguration configuration)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _byKey = [];
    private readonly Dictionary<Guid, int> _byCustomer = [];
    private int _open;

    public int Limit { get; } = configuration.GetValue("Alerts:MaxStreams", 100);

    public int PerKey { get; } = configuration.GetValue("Alerts:MaxStreamsPerKey", 5);

    public int PerCustomer { get; } = configuration.GetValue("Alerts:MaxStreamsPerCustomer", 10);

    public AlertNotifier Notifier => notifier;

    public TimeProvider Time => time;

    public (StreamAdmission Admission, IDisposable? Lease) TryOpen(string keyId, Guid? customerId)
    {
        lock (_gate)
        {
            if (_open >= Limit)
                return (StreamAdmission.NodeFull, null);
            if (_byKey.GetValueOrDefault(keyId) >= PerKey)
                return (StreamAdmission.KeyFull, null);
            if (customerId is { } customer && _byCustomer.GetValueOrDefault(customer) >= PerCustomer)
                return (StreamAdmission.CustomerFull, null);
            _open++;
            _byKey[keyId] = _byKey.GetValueOrDefault(keyId) + 1;
            if (customerId is { } bound)
                _byCustomer[bound] = _byCustomer.GetValueOrDefault(bound) + 1;
        }
        return (StreamAdmission.Opened, new Lease(this, keyId, customerId));
    }

    private void Close(string keyId, Guid? customerId)
    {
        lock (_gate)
        {
            _open--;
            Decrement(_byKey, keyId);
            if (customerId is { } customer)
                Decrement(_byCustomer, customer);
        }
    }

    private static void Decrement<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull
    {
        if (--counts[key] == 0)
            counts.Remove(key);
    }

    private sealed class Lease(AlertStreams streams, string keyId, Guid? customerId) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
                streams.Close(keyId, customerId);
        }
    }
}
