using SlaApi.Api.Access;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SlaApi.Api.Contracts.V1;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Connectors;
using SlaApi.Application.Connectors.DeleteConnection;
using SlaApi.Application.Connectors.GetConnection;
using SlaApi.Application.Connectors.FindInboundConnection;
using SlaApi.Application.Connectors.GetConnectionDelivery;
using SlaApi.Application.Connectors.ListConnectionDeliveries;
using SlaApi.Application.Connectors.ListConnections;
using SlaApi.Application.Connectors.ReceiveDelivery;
using SlaApi.Application.Connectors.ReprocessDelivery;
using SlaApi.Domain.Access;

namespace SlaApi.Api.Endpoints;

public static class ConnectionEndpoints
{
    public const string InboundPrefix = "/api/v1/inbound";
    private const int DefaultDeliveries = 50;

    public static IEndpointRouteBuilder MapConnectionEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/connections").WithTags("Connectors");
        group.MapPost("/", CreateConnection).WithName(nameof(CreateConnection))
            .WithDescription("The answer's inboundUrl is what to paste into the tool's webhook settings; its token authenticates every delivery, with the tool's own signature where it has one. Scope connections:write.")
            .WithSummary("Connect a PSA or RMM tool.").RequiresScope(Scopes.ConnectionsWrite).WithProblems(415, 422);
        group.MapGet("/", ListConnections).WithName(nameof(ListConnections))
            .WithDescription("Scope connections:write.").WithSummary("List connections, without their secrets.")
            .RequiresScope(Scopes.ConnectionsWrite).WithProblems();
        group.MapGet("/{id:guid}", GetConnection).WithName(nameof(GetConnection))
            .WithDescription("The ETag is the version. Scope connections:write.").WithSummary("A connection's latest version, without its secret.")
            .RequiresScope(Scopes.ConnectionsWrite).WithProblems(404);
        group.MapPut("/{id:guid}", ReviseConnection).WithName(nameof(ReviseConnection))
            .WithDescription("Stores the next version; the kind and inbound URL stay. Deliveries are processed with the mapping in force when they are processed. Scope connections:write.")
            .WithSummary("Revise a connection. Send If-Match with the version you edited.")
            .RequiresScope(Scopes.ConnectionsWrite).WithProblems(404, 412, 415, 422, 428);
        group.MapDelete("/{id:guid}", DeleteConnection).WithName(nameof(DeleteConnection))
            .WithDescription("Its inbound URL answers 404 from then on; its incidents and deliveries stay. Scope connections:write.")
            .WithSummary("Delete a connection.").RequiresScope(Scopes.ConnectionsWrite).WithProblems(404);
        group.MapGet("/{id:guid}/deliveries", ListConnectionDeliveries).WithName(nameof(ListConnectionDeliveries))
            .WithDescription("Newest first (limit ≤ 200, 50 when absent), optionally of one status: pending, processed, duplicate, stale, ignored, unmapped (the reason says what the mapping or the customers lack), failed. Scope connections:write.")
            .WithSummary("What the connection received, and what became of it; without the bodies, which one delivery's read gives.").RequiresScope(Scopes.ConnectionsWrite).WithProblems(404);
        group.MapGet("/{id:guid}/deliveries/{deliveryId:guid}", GetConnectionDelivery).WithName(nameof(GetConnectionDelivery))
            .WithDescription("The delivery with the raw body the tool sent, as stored before it was acknowledged. Scope connections:write.")
            .WithSummary("One delivery and the body it carried.").RequiresScope(Scopes.ConnectionsWrite).WithProblems(404);
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/reprocess", ReprocessDelivery).WithName(nameof(ReprocessDelivery))
            .WithDescription("Whatever its status, the delivery goes back to the inbox and is processed with the connection's mapping as it is now; events it recorded before are not recorded twice. Scope connections:write.")
            .WithSummary("Process a delivery again, after the mapping or the customers were mended.").RequiresScope(Scopes.ConnectionsWrite).WithProblems(404);
        group.MapPost("/{id:guid}/snapshots", SubmitSnapshots).WithName(nameof(SubmitSnapshots))
            .WithDescription("Each ticket is stored as a delivery and applied like a callback: a version older than the one applied is stale, an unchanged one records nothing. A periodic sweep this way catches up callbacks the tool never delivered. Scope connections:write.")
            .WithSummary("Apply tickets as a poll of the tool's REST API returned them.").RequiresScope(Scopes.ConnectionsWrite).WithProblems(404, 415);

        api.MapPost("/inbound/{connectionId:guid}/{token}", ReceiveDelivery).WithName(nameof(ReceiveDelivery)).WithTags("Connectors")
            .WithDescription("No API key: the URL's token authenticates, with Autotask's X-Hook-Signature, ConnectWise's x-content-signature or Halo's Authorization where the kind has one. The raw delivery is stored before the answer; 401 stores nothing.")
            .WithSummary("Where a connected tool posts its callbacks, in its own format.")
            .Accepts<JsonElement>("application/json")
            .AllowAnonymous().WithProblems(404, 415, 429);
        return api;
    }

    private static async Task<Created<ConnectionDto>> CreateConnection(ConnectionRequest request, ISender sender, HttpRequest http, CancellationToken ct)
    {
        var created = Absolute(await sender.Send(request.ToCommand(), ct), http);
        IfMatch.SetETag(http.HttpContext.Response, created.Version);
        return TypedResults.Created($"/api/v1/connections/{created.Id}", created);
    }

    private static async Task<Ok<IReadOnlyList<ConnectionDto>>> ListConnections(ISender sender, HttpRequest http, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<ConnectionDto>>((await sender.Send(new ListConnectionsQuery(), ct)).Select(c => Absolute(c, http)).ToArray());

    private static async Task<Ok<ConnectionDto>> GetConnection(Guid id, ISender sender, HttpRequest http, CancellationToken ct)
    {
        var connection = Absolute(await sender.Send(new GetConnectionQuery(id), ct), http);
        IfMatch.SetETag(http.HttpContext.Response, connection.Version);
        return TypedResults.Ok(connection);
    }

    private static async Task<Ok<ConnectionDto>> ReviseConnection(Guid id, ConnectionRevisionRequest request, ISender sender, HttpRequest http, CancellationToken ct)
    {
        var revised = Absolute(await sender.Send(request.ToCommand(id, IfMatch.ExpectedVersion(http)), ct), http);
        IfMatch.SetETag(http.HttpContext.Response, revised.Version);
        return TypedResults.Ok(revised);
    }

    private static async Task<NoContent> DeleteConnection(Guid id, ISender sender, CancellationToken ct)
    {
        await sender.Send(new DeleteConnectionCommand(id), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<InboundDeliveryDto>>> ListConnectionDeliveries(
        Guid id, ISender sender, CancellationToken ct, string? status, int? limit) =>
        TypedResults.Ok(await sender.Send(new ListConnectionDeliveriesQuery(id, status, limit ?? DefaultDeliveries), ct));

    private static async Task<Ok<InboundDeliveryDetailDto>> GetConnectionDelivery(Guid id, Guid deliveryId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetConnectionDeliveryQuery(id, deliveryId), ct));

    private static async Task<Accepted> ReprocessDelivery(Guid id, Guid deliveryId, ISender sender, CancellationToken ct)
    {
        await sender.Send(new ReprocessDeliveryCommand(id, deliveryId), ct);
        return TypedResults.Accepted($"/api/v1/connections/{id}/deliveries");
    }

    private static async Task<Accepted<SnapshotsAccepted>> SubmitSnapshots(Guid id, SnapshotsRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Accepted($"/api/v1/connections/{id}/deliveries", new SnapshotsAccepted(await sender.Send(request.ToCommand(id), ct)));

    /// <remarks>The connection is found before a byte of the body is read; failures count against the client's address.</remarks>
    private static async Task<Accepted<ReceivedDelivery>> ReceiveDelivery(
        Guid connectionId, string token, HttpRequest http, ISender sender, InboundFailureThrottle throttle, CancellationToken ct)
    {
        if (!http.HasJsonContentType())
            throw new BadHttpRequestException("Deliveries are JSON: send Content-Type application/json.", StatusCodes.Status415UnsupportedMediaType);
        var address = http.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "";
        var blocked = throttle.IsBlocked(address);
        if (!await sender.Send(new FindInboundConnectionQuery(connectionId, FromCacheOnly: blocked), ct))
        {
            if (blocked)
                throw new TooManyRequestsException("This address sent too many deliveries to unknown connections or with wrong credentials.", AddressThrottle.Window);
            throttle.Failed(address);
            throw new NotFoundException("Connection", connectionId);
        }
        using var body = new MemoryStream();
        await http.Body.CopyToAsync(body, ct);
        var credentials = new DeliveryCredentials(
            FirstOf(http.Headers["X-Hook-Signature"], http.Headers["x-content-signature"]), http.Headers.Authorization.ToString());
        try
        {
            return TypedResults.Accepted((string?)null, await sender.Send(new ReceiveDeliveryCommand(connectionId, token, body.ToArray(), credentials), ct));
        }
        catch (Exception e) when (e is UnauthenticatedException or NotFoundException)
        {
            throttle.Failed(address);
            throw;
        }
    }

    private static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v));

    private static ConnectionDto Absolute(ConnectionDto connection, HttpRequest http) =>
        connection with { InboundUrl = $"{http.Scheme}://{http.Host}{http.PathBase}{connection.InboundUrl}" };
}
