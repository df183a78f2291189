using NodaTime;
using SlaApi.Application.Connectors;
using SlaApi.Domain.Connectors;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Connectors;

public sealed class InboundRepository(SessionQueries db, DbSession session, InboundProcessor processor) : IInboundRepository
{
    private const string InsertSql = """
        INSERT INTO inbound_deliveries (id, connection_id, received_at, is_record, body, status, attempts)
        VALUES (@Id, @ConnectionId, @ReceivedAt, @IsRecord, @Body, 'pending', 0)
        """;

    private const string ClaimColumns = "id, connection_id, received_at, body, is_record, attempts";

    private const string LeaseSql = "UPDATE inbound_deliveries SET lease_until = @LeaseUntil, attempts = attempts + 1 WHERE id IN @Ids";

    private const string ReleaseSql = "UPDATE inbound_deliveries SET lease_until = NULL WHERE id IN @Ids";

    private const string CompleteSql = """
        UPDATE inbound_deliveries
        SET status = @Status, reason = @Reason, dedup_key = @DedupKey, external_ids = @ExternalIds, processed_at = @Now, lease_until = NULL
        WHERE id = @Id
        """;

    private const string AppliedSql = """
        SELECT COUNT(*) FROM inbound_deliveries
        WHERE connection_id = @ConnectionId AND dedup_key = @DedupKey AND id <> @Id AND status = 'processed'
        """;

    private const string TicketSql = "SELECT incident_id, state FROM connector_tickets WHERE connection_id = @ConnectionId AND external_id = @ExternalId";

    private const string UpdateTicketSql = """
        UPDATE connector_tickets SET incident_id = @IncidentId, state = @State WHERE connection_id = @ConnectionId AND external_id = @ExternalId
        """;

    private const string InsertTicketSql = """
        INSERT INTO connector_tickets (connection_id, external_id, incident_id, state) VALUES (@ConnectionId, @ExternalId, @IncidentId, @State)
        """;

    private const string ListColumns = "id, received_at, status, reason, external_ids, attempts, processed_at";

    private const string GetSql = $"SELECT {ListColumns}, body FROM inbound_deliveries WHERE id = @Id AND connection_id = @ConnectionId";

    private const string ListSql = $"""
        SELECT {ListColumns} FROM inbound_deliveries WHERE connection_id = @ConnectionId ORDER BY sequence DESC {ISqlDialect.PagingMarker}
        """;

    private const string ListByStatusSql = $"""
        SELECT {ListColumns} FROM inbound_deliveries WHERE connection_id = @ConnectionId AND status = @Status ORDER BY sequence DESC {ISqlDialect.PagingMarker}
        """;

    private const string RequeueSql = """
        UPDATE inbound_deliveries SET status = 'pending', reason = NULL, attempts = 0, lease_until = NULL, processed_at = NULL
        WHERE id = @Id AND connection_id = @ConnectionId
        """;

    private const string FirstFreeConnectionSql = $"""
        SELECT d.connection_id FROM inbound_deliveries d
        WHERE d.status = 'pending' AND (d.lease_until IS NULL OR d.lease_until <= @Now)
            AND NOT EXISTS (
                SELECT 1 FROM inbound_processing_leases l
                WHERE l.connection_id = d.connection_id AND l.holder <> @Holder AND l.lease_until > @Now)
        ORDER BY d.sequence {ISqlDialect.PagingMarker}
        """;

    private const string TakeConnectionSql = "UPDATE inbound_processing_leases SET holder = @Holder, lease_until = @LeaseUntil WHERE connection_id = @ConnectionId";

    private const string InsertConnectionLeaseSql = """
        INSERT INTO inbound_processing_leases (connection_id, holder, lease_until) VALUES (@ConnectionId, @Holder, @LeaseUntil)
        """;

    private const string ClaimSql = $"""
        SELECT {ClaimColumns} FROM inbound_deliveries
        WHERE connection_id = @ConnectionId AND status = 'pending' AND (lease_until IS NULL OR lease_until <= @Now)
        ORDER BY sequence {ISqlDialect.PagingMarker}
        """;

    private const string RenewSql = """
        UPDATE inbound_processing_leases SET lease_until = @LeaseUntil WHERE connection_id = @ConnectionId AND holder = @Holder
        """;

    private const string LetGoSql = "DELETE FROM inbound_processing_leases WHERE connection_id = @ConnectionId AND holder = @Holder";

    /// <summary>Claims are taken one at a time across nodes, so two processors never take one connection.</summary>
    private const string ClaimResource = "slaapi-inbound-claim";

    public Task AddAsync(InboundDelivery delivery, CancellationToken ct) =>
        db.ExecuteAsync(InsertSql, new { delivery.Id, delivery.ConnectionId, delivery.ReceivedAt, delivery.IsRecord, delivery.Body }, ct);

    public async Task<IReadOnlyList<InboundDelivery>> ClaimAsync(Guid holder, DateTimeOffset now, DateTimeOffset leaseUntil, int take, CancellationToken ct)
    {
        await session.BeginAsync(ct);
        try
        {
            if (db.Dialect.SerializeSql(ClaimResource) is { } serialize)
                await db.ExecuteAsync(serialize, null, ct);
            IReadOnlyList<DeliveryRow> claimed = [];
            if (await db.QuerySingleOrDefaultAsync<Guid?>(FirstFreeConnectionSql, new { Holder = holder, Now = now, Skip = 0, Take = 1 }, ct) is { } connectionId)
            {
                var lease = new { ConnectionId = connectionId, Holder = holder, LeaseUntil = leaseUntil };
                if (await db.ExecuteAsync(TakeConnectionSql, lease, ct) == 0)
                    await db.ExecuteAsync(InsertConnectionLeaseSql, lease, ct);
                claimed = await db.QueryAsync<DeliveryRow>(ClaimSql, new { ConnectionId = connectionId, Now = now, Skip = 0, Take = take }, ct);
                if (claimed.Count > 0)
                    await db.ExecuteAsync(LeaseSql, new { LeaseUntil = leaseUntil, Ids = claimed.Select(c => c.Id).ToArray() }, ct);
            }
            await session.CommitAsync(ct);
            return claimed.Select(c => new InboundDelivery(c.Id, c.ConnectionId, c.ReceivedAt, c.Body, c.IsRecord, c.Attempts + 1)).ToArray();
        }
        catch
        {
            await session.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    public async Task<bool> RenewAsync(Guid holder, Guid connectionId, DateTimeOffset leaseUntil, CancellationToken ct) =>
        await db.ExecuteAsync(RenewSql, new { ConnectionId = connectionId, Holder = holder, LeaseUntil = leaseUntil }, ct) == 1;

    public Task LetGoAsync(Guid holder, Guid connectionId, CancellationToken ct) =>
        db.ExecuteAsync(LetGoSql, new { ConnectionId = connectionId, Holder = holder }, ct);

    public async Task ReleaseAsync(IReadOnlyList<Guid> deliveryIds, CancellationToken ct)
    {
        if (deliveryIds.Count > 0)
            await db.ExecuteAsync(ReleaseSql, new { Ids = deliveryIds.ToArray() }, ct);
    }

    public Task CompleteAsync(Guid deliveryId, DeliveryResult result, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(CompleteSql, new
        {
            Id = deliveryId, result.Status, Reason = Truncate(result.Reason, 1000), DedupKey = Truncate(result.DedupKey, 300),
            ExternalIds = result.ExternalIds.Count == 0 ? null : JsonColumn.Write(result.ExternalIds), Now = now,
        }, ct);

    public async Task<bool> WasAppliedAsync(Guid connectionId, string dedupKey, Guid exceptDeliveryId, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<long>(AppliedSql, new { ConnectionId = connectionId, DedupKey = Truncate(dedupKey, 300), Id = exceptDeliveryId }, ct) > 0;

    public async Task<TicketState?> GetTicketAsync(Guid connectionId, string externalId, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<TicketRow>(TicketSql, new { ConnectionId = connectionId, ExternalId = externalId }, ct)) is { } row
            ? JsonColumn.Read<StoredTicket>(row.State).ToDomain(row.IncidentId)
            : null;

    public async Task SaveTicketAsync(Guid connectionId, string externalId, TicketState state, CancellationToken ct)
    {
        var row = new { ConnectionId = connectionId, ExternalId = externalId, state.IncidentId, State = JsonColumn.Write(StoredTicket.From(state)) };
        if (await db.ExecuteAsync(UpdateTicketSql, row, ct) == 0)
            await db.ExecuteAsync(InsertTicketSql, row, ct);
    }

    public async Task<IReadOnlyList<InboundDeliveryDto>> ListAsync(Guid connectionId, string? status, int limit, CancellationToken ct) =>
        (await db.QueryAsync<ListedRow>(status is null ? ListSql : ListByStatusSql, new { ConnectionId = connectionId, Status = status, Skip = 0, Take = limit }, ct))
        .Select(r => new InboundDeliveryDto(r.Id, r.ReceivedAt, r.Status, r.Reason, r.ReadExternalIds(), r.Attempts, r.ProcessedAt))
        .ToArray();

    public async Task<InboundDeliveryDetailDto?> GetAsync(Guid connectionId, Guid deliveryId, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<ListedRow>(GetSql, new { Id = deliveryId, ConnectionId = connectionId }, ct) is { } r
            ? new InboundDeliveryDetailDto(r.Id, r.ReceivedAt, r.Status, r.Reason, r.ReadExternalIds(), r.Attempts, r.ProcessedAt, r.Body)
            : null;

    public async Task<bool> RequeueAsync(Guid connectionId, Guid deliveryId, DateTimeOffset now, CancellationToken ct) =>
        await db.ExecuteAsync(RequeueSql, new { Id = deliveryId, ConnectionId = connectionId }, ct) == 1;

    public void DeliveriesWaiting() => session.AfterCommitOnce(processor.Wake);

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    private sealed class DeliveryRow
    {
        public Guid Id { get; init; }

        public Guid ConnectionId { get; init; }

        public DateTimeOffset ReceivedAt { get; init; }

        public string Body { get; init; } = "";

        public bool IsRecord { get; init; }

        public int Attempts { get; init; }
    }

    private sealed class ListedRow
    {
        public Guid Id { get; init; }

        public DateTimeOffset ReceivedAt { get; init; }

        public string Status { get; init; } = "";

        public string? Reason { get; init; }

        public string? ExternalIds { get; init; }

        public int Attempts { get; init; }

        public DateTimeOffset? ProcessedAt { get; init; }

        /// <summary>Read by the single-delivery query only: lists leave the body out.</summary>
        public string Body { get; init; } = "";

        public string[] ReadExternalIds() => ExternalIds is null ? [] : JsonColumn.Read<string[]>(ExternalIds);
    }

    private sealed class TicketRow
    {
        public Guid IncidentId { get; init; }

        public string State { get; init; } = "";
    }

    private sealed record StoredTicket(
        string CompanyId, DateTimeOffset OpenedAt, int Priority, string? Status, bool Resolved, bool Responded, DateTimeOffset ChangedAt, long? Sequence,
        bool Planned, Guid? TeamId = null)
    {
        public static StoredTicket From(TicketState s) =>
            new(s.CompanyId, s.OpenedAt.ToDateTimeOffset(), s.Priority, s.Status, s.Resolved, s.Responded, s.ChangedAt.ToDateTimeOffset(), s.Sequence, s.Planned,
                s.TeamId);

        public TicketState ToDomain(Guid incidentId) =>
            new(incidentId, CompanyId, Instant.FromDateTimeOffset(OpenedAt), Priority, Status, Resolved, Responded, Planned, Instant.FromDateTimeOffset(ChangedAt), Sequence,
                TeamId);
    }
}
