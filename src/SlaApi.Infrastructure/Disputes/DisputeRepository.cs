using System.Runtime.CompilerServices;
using NodaTime;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Disputes;
using SlaApi.Domain.Disputes;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Disputes;

public sealed class DisputeRepository(SessionQueries db) : IDisputeRepository
{
    private const string Columns = """
        id, incident_id, customer_id, agreement_id, metric, cycle, claim, comment, status, raised_at, raised_by,
        upheld, reason, remedy, event_id, reviewed_at, reviewed_by
        """;

    private const string InsertSql = $"""
        INSERT INTO disputes ({Columns})
        VALUES (@Id, @IncidentId, @CustomerId, @AgreementId, @Metric, @Cycle, @Claim, @Comment, @Status, @RaisedAt, @RaisedBy,
            @Upheld, @Reason, @Remedy, @EventId, @ReviewedAt, @ReviewedBy)
        """;

    private const string GetSql = $"SELECT {Columns} FROM disputes WHERE id = @Id";

    private const string CountForIncidentSql = "SELECT COUNT(*) FROM disputes WHERE incident_id = @IncidentId";

    private const string ReviewSql = """
        UPDATE disputes SET status = @Status, upheld = @Upheld, reason = @Reason, remedy = @Remedy, event_id = @EventId,
            reviewed_at = @ReviewedAt, reviewed_by = @ReviewedBy
        WHERE id = @Id AND status = 'open'
        """;

    private const string Filter = """
        WHERE (@IncidentId IS NULL OR incident_id = @IncidentId)
          AND (@CustomerId IS NULL OR customer_id = @CustomerId)
          AND (@Status IS NULL OR status = @Status)
        """;

    private const string CountSql = $"SELECT COUNT(*) FROM disputes {Filter}";

    private const string PageSql = $"""
        SELECT {Columns} FROM disputes {Filter}
        ORDER BY raised_at DESC, id DESC
        {ISqlDialect.PagingMarker}
        """;

    private const string RaisedSql = """
        SELECT agreement_id, customer_id, raised_at, status FROM disputes
        WHERE raised_at >= @From AND raised_at < @To AND (@CustomerId IS NULL OR customer_id = @CustomerId)
        ORDER BY raised_at
        """;

    public Task AddAsync(Dispute dispute, CancellationToken ct) => db.ExecuteAsync(InsertSql, DisputeRow.From(dispute), ct);

    public async Task<Dispute?> GetAsync(Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<DisputeRow>(GetSql, new { Id = id }, ct))?.ToDomain();

    public async Task<int> CountForIncidentAsync(Guid incidentId, CancellationToken ct) =>
        (int)await db.QuerySingleOrDefaultAsync<long>(CountForIncidentSql, new { IncidentId = incidentId }, ct);

    public async Task<bool> RecordReviewAsync(Dispute reviewed, CancellationToken ct) =>
        await db.ExecuteAsync(ReviewSql, DisputeRow.From(reviewed), ct) == 1;

    public async Task<Page<Dispute>> ListAsync(DisputeFilter filter, PageRequest page, CancellationToken ct)
    {
        var parameters = new { filter.IncidentId, filter.CustomerId, Status = filter.Status is { } s ? Name(s) : null };
        return (await db.PageAsync<DisputeRow>(CountSql, PageSql, page, ct, parameters)).Map(r => r.ToDomain());
    }

    public async IAsyncEnumerable<RaisedDispute> RaisedAsync(Instant from, Instant to, Guid? customerId, [EnumeratorCancellation] CancellationToken ct)
    {
        var parameters = new { From = from.ToDateTimeOffset(), To = to.ToDateTimeOffset(), CustomerId = customerId };
        await foreach (var row in db.StreamAsync<RaisedRow>(RaisedSql, parameters, ct))
            yield return new RaisedDispute(row.AgreementId, row.CustomerId, Instant.FromDateTimeOffset(row.RaisedAt), Enum.Parse<DisputeStatus>(row.Status, ignoreCase: true));
    }

    private static string Name(DisputeStatus status) => status.ToString().ToLowerInvariant();

    private sealed class RaisedRow
    {
        public Guid AgreementId { get; init; }

        public Guid CustomerId { get; init; }

        public DateTimeOffset RaisedAt { get; init; }

        public string Status { get; init; } = "";
    }

    private sealed class DisputeRow
    {
        public Guid Id { get; init; }

        public Guid IncidentId { get; init; }

        public Guid CustomerId { get; init; }

        public Guid AgreementId { get; init; }

        public string Metric { get; init; } = "";

        public int? Cycle { get; init; }

        public string Claim { get; init; } = "";

        public string? Comment { get; init; }

        public string Status { get; init; } = "";

        public DateTimeOffset RaisedAt { get; init; }

        public string? RaisedBy { get; init; }

        public bool? Upheld { get; init; }

        public string? Reason { get; init; }

        public string? Remedy { get; init; }

        public string? EventId { get; init; }

        public DateTimeOffset? ReviewedAt { get; init; }

        public string? ReviewedBy { get; init; }

        public static DisputeRow From(Dispute d) => new()
        {
            Id = d.Id,
            IncidentId = d.IncidentId,
            CustomerId = d.CustomerId,
            AgreementId = d.AgreementId!.Value,
            Metric = d.Metric,
            Cycle = d.Cycle,
            Claim = d.Claim,
            Comment = d.Comment,
            Status = Name(d.Status),
            RaisedAt = d.RaisedAt.ToDateTimeOffset(),
            RaisedBy = d.RaisedBy,
            Upheld = d.Review?.Upheld,
            Reason = d.Review?.Reason,
            Remedy = d.Review?.Remedy,
            EventId = d.Review?.EventId,
            ReviewedAt = d.Review?.ReviewedAt.ToDateTimeOffset(),
            ReviewedBy = d.Review?.ReviewedBy,
        };

        public Dispute ToDomain() => new(
            Id, IncidentId, CustomerId, AgreementId, Metric, Cycle, Claim, Comment, Enum.Parse<DisputeStatus>(Status, ignoreCase: true),
            Instant.FromDateTimeOffset(RaisedAt), RaisedBy,
            ReviewedAt is { } reviewedAt
                ? new DisputeReview(Upheld ?? false, Reason ?? "", Remedy, EventId, Instant.FromDateTimeOffset(reviewedAt), ReviewedBy)
                : null);
    }
}
