using SlaApi.Domain.Connectors;

namespace SlaApi.Application.Connectors;

public interface IConnectionRepository
{
    Task AddAsync(Connection connection, CancellationToken ct);

    /// <summary>The latest version, or null when there is none or it was deleted.</summary>
    Task<Connection?> GetAsync(Guid id, CancellationToken ct);

    Task<IReadOnlyList<Connection>> ListAsync(CancellationToken ct);

    /// <returns>False when another revision stored that version first.</returns>
    Task<bool> AddVersionAsync(Connection revised, CancellationToken ct);

    Task<bool> DeleteAsync(Guid id, DateTimeOffset now, CancellationToken ct);
}

/// <summary>A delivery as stored on arrival, before anything was made of it.</summary>
/// <param name="IsRecord">A ticket as the tool's REST API returns it (a reconciliation snapshot), not a callback.</param>
/// <param name="Attempts">How many times processing it was begun.</param>
public sealed record InboundDelivery(Guid Id, Guid ConnectionId, DateTimeOffset ReceivedAt, string Body, bool IsRecord, int Attempts);

/// <summary>What became of a delivery once processed.</summary>
public sealed record DeliveryResult(string Status, string? Reason, string? DedupKey, IReadOnlyList<string> ExternalIds);

/// <summary>The inbox of raw deliveries and the last known state of each ticket.</summary>
public interface IInboundRepository
{
    Task AddAsync(InboundDelivery delivery, CancellationToken ct);

    /// <summary>
    /// Takes the connection whose pending delivery came first among those no other processor holds, holds it for
    /// <paramref name="holder"/> until <paramref name="leaseUntil"/>, and takes up to <paramref name="take"/> of its
    /// pending deliveries in arrival order: one processor at a time sees a connection's tickets, whatever the nodes.
    /// </summary>
    /// <returns>No deliveries when none is pending that another processor does not hold.</returns>
    Task<IReadOnlyList<InboundDelivery>> ClaimAsync(Guid holder, DateTimeOffset now, DateTimeOffset leaseUntil, int take, CancellationToken ct);

    /// <summary>Holds the connection longer; false when <paramref name="holder"/> no longer holds it (its lease ran out and another took it).</summary>
    Task<bool> RenewAsync(Guid holder, Guid connectionId, DateTimeOffset leaseUntil, CancellationToken ct);

    /// <summary>Lets another processor take the connection.</summary>
    Task LetGoAsync(Guid holder, Guid connectionId, CancellationToken ct);

    /// <summary>Gives claimed deliveries back to the inbox before their lease runs out.</summary>
    Task ReleaseAsync(IReadOnlyList<Guid> deliveryIds, CancellationToken ct);

    Task CompleteAsync(Guid deliveryId, DeliveryResult result, DateTimeOffset now, CancellationToken ct);

    /// <summary>True when another delivery of the connection with this key was already applied.</summary>
    Task<bool> WasAppliedAsync(Guid connectionId, string dedupKey, Guid exceptDeliveryId, CancellationToken ct);

    Task<TicketState?> GetTicketAsync(Guid connectionId, string externalId, CancellationToken ct);

    Task SaveTicketAsync(Guid connectionId, string externalId, TicketState state, CancellationToken ct);

    Task<IReadOnlyList<InboundDeliveryDto>> ListAsync(Guid connectionId, string? status, int limit, CancellationToken ct);

    /// <summary>One delivery of the connection with its body; null when the connection received no such delivery.</summary>
    Task<InboundDeliveryDetailDto?> GetAsync(Guid connectionId, Guid deliveryId, CancellationToken ct);

    /// <returns>False when the connection has no such delivery.</returns>
    Task<bool> RequeueAsync(Guid connectionId, Guid deliveryId, DateTimeOffset now, CancellationToken ct);

    /// <summary>Asks the processor to look at the inbox once the current transaction has committed.</summary>
    void DeliveriesWaiting();
}

/// <summary>What a tool presented with a delivery: its signature header and Authorization header, as sent.</summary>
public sealed record DeliveryCredentials(string? Signature, string? Authorization);

/// <summary>Checks that a delivery comes from the connection's tool, over its raw bytes, in constant time.</summary>
public interface IInboundVerifier
{
    /// <returns>Null when the delivery is authentic; otherwise why it was refused.</returns>
    Task<string?> RefusalAsync(Connection connection, string token, byte[] body, DeliveryCredentials credentials, CancellationToken ct);
}

/// <summary>Where received deliveries are stored: each answer comes only once its delivery is committed.</summary>
public interface IInbox
{
    /// <exception cref="Common.Exceptions.ServiceUnavailableException">The inbox is not running or is full; nothing was stored.</exception>
    Task StoreAsync(InboundDelivery delivery, CancellationToken ct);
}
