using System.Data.Common;
using System.Runtime.CompilerServices;
using NodaTime;
using SlaApi.Application.Incidents;
using SlaApi.Application.Simulations;
using SlaApi.Domain.Incidents;
using SlaApi.Infrastructure.Incidents;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Simulations;

/// <summary>
/// Reads incidents with their events in one joined pass, ordered by opening so the index on opened_at serves it.
/// Bindings repeat across a portfolio's incidents, so each distinct one is parsed once.
/// </summary>
public sealed class ReplaySource(SessionQueries db) : IReplaySource
{
    private const string Chosen = "i.agreement_id IN @Ids AND i.opened_at >= @From AND i.opened_at < @To";

    private const string CountSql = $"SELECT COUNT(*) FROM incidents i WHERE {Chosen}";

    private const string StreamSql = $"""
        SELECT i.id, i.customer_id, i.opened_at, i.opened_priority, i.opened_status, i.agreement_id, i.agreement_version, i.policy_id,
            i.policy_version, i.calendar_versions, i.response_tier, e.event_id, e.sequence, e.type, e.occurred_at,
            e.status AS event_status, e.priority AS event_priority, e.reason
        FROM incidents i
        LEFT JOIN incident_events e ON e.incident_id = i.id
        WHERE {Chosen}
        ORDER BY i.opened_at, i.id
        """;

    public async Task<long> CountAsync(IReadOnlyCollection<Guid> agreementIds, Instant from, Instant to, CancellationToken ct) =>
        agreementIds.Count == 0 ? 0 : await db.QuerySingleOrDefaultAsync<long>(CountSql, Parameters(agreementIds, from, to), ct);

    public async IAsyncEnumerable<ReplayIncident> StreamAsync(
        IReadOnlyCollection<Guid> agreementIds, Instant from, Instant to, [EnumeratorCancellation] CancellationToken ct)
    {
        if (agreementIds.Count == 0)
            yield break;
        var bindings = new Dictionary<(Guid, int, Guid, int, string, string?), IncidentBinding>();
        await using var reader = await db.ReaderAsync(StreamSql, Parameters(agreementIds, from, to), ct);
        Opening? current = null;
        var events = new List<IncidentEvent>();
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetGuid(Column.Id);
            if (current is null || id != current.Id)
            {
                if (current is not null)
                    yield return current.With(events);
                events = [];
                current = Open(reader, id, bindings);
            }
            if (!reader.IsDBNull(Column.EventId))
                events.Add(Event(reader));
        }
        if (current is not null)
            yield return current.With(events);
    }

    private static Opening Open(DbDataReader reader, Guid id, Dictionary<(Guid, int, Guid, int, string, string?), IncidentBinding> bindings)
    {
        var key = (reader.GetGuid(Column.AgreementId), reader.GetInt32(Column.AgreementVersion), reader.GetGuid(Column.PolicyId),
            reader.GetInt32(Column.PolicyVersion), reader.GetString(Column.CalendarVersions), NullableString(reader, Column.ResponseTier));
        if (!bindings.TryGetValue(key, out var binding))
            bindings[key] = binding = IncidentRepository.BindingOf(key.Item1, key.Item2, key.Item3, key.Item4, key.Item5, key.Item6)!;
        return new Opening(id, reader.GetGuid(Column.CustomerId), binding, Instant.FromDateTimeOffset(reader.GetFieldValue<DateTimeOffset>(Column.OpenedAt)),
            reader.GetInt32(Column.OpenedPriority), NullableString(reader, Column.OpenedStatus));
    }

    private static IncidentEvent Event(DbDataReader reader) => new(
        reader.GetString(Column.EventId), Names.EventTypes[reader.GetString(Column.Type)],
        Instant.FromDateTimeOffset(reader.GetFieldValue<DateTimeOffset>(Column.OccurredAt)), reader.GetInt64(Column.Sequence),
        NullableString(reader, Column.EventStatus), reader.IsDBNull(Column.EventPriority) ? null : reader.GetInt32(Column.EventPriority),
        NullableString(reader, Column.Reason));

    private static string? NullableString(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static object Parameters(IReadOnlyCollection<Guid> ids, Instant from, Instant to) =>
        new { Ids = ids.ToArray(), From = from.ToDateTimeOffset(), To = to.ToDateTimeOffset() };

    private sealed record Opening(Guid Id, Guid CustomerId, IncidentBinding Binding, Instant OpenedAt, int Priority, string? Status)
    {
        public ReplayIncident With(List<IncidentEvent> events)
        {
            events.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
            return new ReplayIncident(Id, CustomerId, Binding, new IncidentHistory(OpenedAt, Priority, Status, events));
        }
    }

    /// <summary>The columns of <see cref="StreamSql"/>, by position.</summary>
    private static class Column
    {
        public const int Id = 0;
        public const int CustomerId = 1;
        public const int OpenedAt = 2;
        public const int OpenedPriority = 3;
        public const int OpenedStatus = 4;
        public const int AgreementId = 5;
        public const int AgreementVersion = 6;
        public const int PolicyId = 7;
        public const int PolicyVersion = 8;
        public const int CalendarVersions = 9;
        public const int ResponseTier = 10;
        public const int EventId = 11;
        public const int Sequence = 12;
        public const int Type = 13;
        public const int OccurredAt = 14;
        public const int EventStatus = 15;
        public const int EventPriority = 16;
        public const int Reason = 17;
    }
}
