using SlaApi.Domain.Connectors;

namespace SlaApi.Application.Connectors;

/// <param name="Teams">The tool's team or queue (ConnectWise team, Autotask queue, Halo team; by id or name) to the id of a SlaApi team: a
/// ticket that moves to a mapped one is assigned to that team. A team or queue not mapped leaves the assignment as it was.</param>
public sealed record ConnectionMappingDto(
    IReadOnlyDictionary<string, int>? Priorities,
    IReadOnlyDictionary<string, string>? Statuses,
    IReadOnlyList<string>? Boards,
    string? ServiceCode,
    IReadOnlyDictionary<string, Guid>? Teams = null)
{
    public ConnectionMapping ToDomain() => new(
        new Dictionary<string, int>(Priorities ?? new Dictionary<string, int>(), StringComparer.OrdinalIgnoreCase),
        new Dictionary<string, string>(Statuses ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase),
        Boards ?? [],
        ServiceCode?.Trim(),
        new Dictionary<string, Guid>(Teams ?? new Dictionary<string, Guid>(), StringComparer.OrdinalIgnoreCase));

    public static ConnectionMappingDto From(ConnectionMapping mapping) =>
        new(mapping.Priorities, mapping.Statuses, mapping.Boards, mapping.ServiceCode, mapping.Teams);
}

/// <summary>A connection without its secret. <see cref="InboundUrl"/> (with its token) is what the tool posts to; the API makes it absolute.</summary>
public sealed record ConnectionDto(
    Guid Id, int Version, string Kind, string Name, string Source, bool HasSecret, IReadOnlyList<string> KeyUrlHosts,
    ConnectionMappingDto Mapping, string InboundUrl, DateTimeOffset CreatedAt, DateTimeOffset VersionCreatedAt)
{
    public static ConnectionDto From(Connection c) =>
        new(c.Id, c.Version, c.Kind.Name(), c.Name, c.Source, c.Secret is not null, c.KeyUrlHosts, ConnectionMappingDto.From(c.Mapping),
            $"/api/v1/inbound/{c.Id}/{c.Token}", c.CreatedAt, c.VersionCreatedAt);
}

/// <summary>
/// A delivery as received, and what became of it. Status: pending (not processed yet), processed, duplicate (a
/// repeat of one processed before), stale (older than what was applied), ignored (nothing SlaApi follows), unmapped
/// (the mapping or the customers lack something: <see cref="Reason"/> says what; reprocess after fixing it), failed.
/// </summary>
/// <summary>A delivery as lists show it: what became of it, without the body it carried (read one delivery for that).</summary>
public sealed record InboundDeliveryDto(
    Guid Id, DateTimeOffset ReceivedAt, string Status, string? Reason, IReadOnlyList<string> ExternalIds, int Attempts,
    DateTimeOffset? ProcessedAt);

/// <summary>One delivery with the raw body the tool sent, as it was stored.</summary>
public sealed record InboundDeliveryDetailDto(
    Guid Id, DateTimeOffset ReceivedAt, string Status, string? Reason, IReadOnlyList<string> ExternalIds, int Attempts,
    DateTimeOffset? ProcessedAt, string Body);

public static class InboundStatus
{
    public const string Pending = "pending";
    public const string Processed = "processed";
    public const string Duplicate = "duplicate";
    public const string Stale = "stale";
    public const string Ignored = "ignored";
    public const string Unmapped = "unmapped";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Processed, Duplicate, Stale, Ignored, Unmapped, Failed];

    public static string Of(TicketOutcome outcome) => outcome switch
    {
        TicketOutcome.Applied => Processed,
        TicketOutcome.Stale => Stale,
        TicketOutcome.Ignored => Ignored,
        _ => Unmapped,
    };
}
