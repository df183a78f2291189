using System.Globalization;
using System.Text.Json;
using NodaTime;
using SlaApi.Domain.Common;
using SlaApi.Domain.Connectors;

namespace SlaApi.Application.Connectors;

/// <summary>What a delivery's body holds: the tickets it describes, or why it describes none SlaApi follows.</summary>
public sealed record ParsedDelivery(IReadOnlyList<TicketSnapshot> Tickets, TicketOutcome? Refusal = null, string? Reason = null)
{
    public static ParsedDelivery Refused(TicketOutcome refusal, string reason) => new([], refusal, reason);
}

/// <summary>
/// Reads each tool's callbacks and records (connectors design §1–4) into snapshots. Keys are matched without regard
/// to case, since the vendors' own examples and the open-source receivers spell them differently.
/// </summary>
public static class DeliveryFormats
{
    public const int MaxTicketsPerDelivery = 100;

    /// <exception cref="FormatException">The body is not a delivery of this kind.</exception>
    public static ParsedDelivery Parse(ConnectorKind kind, string body)
    {
        using var document = ParseJson(body);
        var root = document.RootElement;
        return kind switch
        {
            ConnectorKind.ConnectWise => ConnectWiseCallback(root),
            ConnectorKind.Autotask => AutotaskCallback(root),
            ConnectorKind.Halo => HaloDelivery(root),
            ConnectorKind.NinjaOne => NinjaActivity(root),
            _ => DattoAlert(root),
        };
    }

    /// <summary>A record as the tool's REST API returns it when polled: a ConnectWise or Autotask ticket, a Halo ticket, an RMM alert.</summary>
    /// <exception cref="FormatException">The record is not a ticket or alert of this kind.</exception>
    public static ParsedDelivery ParseRecord(ConnectorKind kind, string body)
    {
        using var document = ParseJson(body);
        return ParseRecord(kind, document.RootElement);
    }

    private static ParsedDelivery ParseRecord(ConnectorKind kind, JsonElement record) => kind switch
    {
        ConnectorKind.ConnectWise => Property(record, "ticketId") is not null ? ConnectWiseNote(record) : Tickets(ConnectWiseTicket(record, messageId: null)),
        ConnectorKind.Autotask => Tickets(AutotaskTicket(record, Text(record, "id") ?? throw Missing("id"), record, null, null)),
        ConnectorKind.Halo => Tickets(HaloTicket(record, null, null)),
        ConnectorKind.NinjaOne => NinjaActivity(record),
        _ => DattoAlert(record),
    };

    /// <summary>The ConnectWise signing key's address, read before the signature can be checked; null when there is none.</summary>
    public static string? ConnectWiseKeyUrl(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return Property(document.RootElement, "Metadata") is { ValueKind: JsonValueKind.Object } metadata ? Text(metadata, "key_url") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ParsedDelivery ConnectWiseCallback(JsonElement root)
    {
        if (Text(root, "Type") is { } type && !type.Equals("ticket", StringComparison.OrdinalIgnoreCase))
            return ParsedDelivery.Refused(TicketOutcome.Ignored, $"Only tickets are followed; this callback is about a {type}.");
        if (Text(root, "Action") is { } action && action.Equals("deleted", StringComparison.OrdinalIgnoreCase))
            return ParsedDelivery.Refused(TicketOutcome.Ignored, "A deleted ticket is left as it stood; resolve or close it in the PSA instead.");
        var entity = Text(root, "Entity");
        if (string.IsNullOrWhiteSpace(entity))
            return ParsedDelivery.Refused(TicketOutcome.Unmapped, "The callback carries no ticket record; post the ticket to the connection's snapshots to apply it.");
        using var record = ParseJson(entity);
        return Tickets(ConnectWiseTicket(record.RootElement, Text(root, "MessageId")));
    }

    private static TicketSnapshot ConnectWiseTicket(JsonElement ticket, string? messageId)
    {
        var id = Text(ticket, "id") ?? throw Missing("id");
        var info = Property(ticket, "_info");
        var lastUpdated = info is { ValueKind: JsonValueKind.Object } i ? Time(i, "lastUpdated") : null;
        var dateEntered = info is { ValueKind: JsonValueKind.Object } e ? Time(e, "dateEntered") : null;
        return new TicketSnapshot(
            id, lastUpdated, null,
            Nested(ticket, "company", "id"),
            Text(ticket, "summary"),
            Keys(Nested(ticket, "priority", "id"), Nested(ticket, "priority", "name")),
            Keys(Nested(ticket, "status", "id"), Nested(ticket, "status", "name")),
            Keys(Nested(ticket, "board", "id"), Nested(ticket, "board", "name")),
            dateEntered,
            Time(ticket, "dateResponded"),
            Time(ticket, "dateResplan"),
            Flag(ticket, "closedFlag") == true ? true : null,
            messageId is null ? null : $"{messageId}/{id}/{lastUpdated}",
            TeamKeys: Keys(Nested(ticket, "team", "id"), Nested(ticket, "team", "name")));
    }

    /// <summary>
    /// A ticket note as <c>/service/tickets/{id}/notes</c> returns it: a member's is an agent's reply, a contact's alone the
    /// customer's; internal notes are no reply at all.
    /// </summary>
    private static ParsedDelivery ConnectWiseNote(JsonElement note)
    {
        var id = Text(note, "id") ?? throw Missing("id");
        var ticketId = Text(note, "ticketId") ?? throw Missing("ticketId");
        if (Flag(note, "internalAnalysisFlag") == true || Flag(note, "internalFlag") == true)
            return ParsedDelivery.Refused(TicketOutcome.Ignored, "An internal note is no reply to the customer.");
        var author = Property(note, "member") is { ValueKind: JsonValueKind.Object } ? NoteAuthor.Agent
            : Property(note, "contact") is { ValueKind: JsonValueKind.Object } ? NoteAuthor.Customer
            : throw new FormatException("A note names the member or the contact who wrote it.");
        var writtenAt = Time(note, "dateCreated") ?? throw Missing("dateCreated");
        return Tickets(new TicketSnapshot(ticketId, writtenAt, null, null, null, [], [], [], null, null, null, null, $"note/{id}", new TicketNote(author, writtenAt)));
    }

    private static ParsedDelivery AutotaskCallback(JsonElement root)
    {
        if (Text(root, "EntityType") is { } entityType && !entityType.Equals("Ticket", StringComparison.OrdinalIgnoreCase))
            return ParsedDelivery.Refused(TicketOutcome.Ignored, $"Only tickets are followed; this callout is about a {entityType}.");
        if (Text(root, "Action") is { } action && action.Equals("Delete", StringComparison.OrdinalIgnoreCase))
            return ParsedDelivery.Refused(TicketOutcome.Ignored, "A deleted ticket is left as it stood; complete it in Autotask instead.");
        var id = Text(root, "Id") ?? throw Missing("Id");
        var fields = Property(root, "Fields") is { ValueKind: JsonValueKind.Object } f ? f : default;
        var sequence = Text(root, "SequenceNumber") is { } number && long.TryParse(number, CultureInfo.InvariantCulture, out var parsed) ? parsed : (long?)null;
        var dedup = $"{Text(root, "Guid")}/{id}/{sequence}";
        return Tickets(AutotaskTicket(fields, id, root, sequence, dedup));
    }

    /// <param name="fields">The ticket's fields: a callout's <c>Fields</c>, or the REST entity itself.</param>
    /// <param name="envelope">Where the version's time is: the callout (<c>EventTime</c>) or the entity.</param>
    private static TicketSnapshot AutotaskTicket(JsonElement fields, string id, JsonElement envelope, long? sequence, string? dedup)
    {
        var has = fields.ValueKind == JsonValueKind.Object;
        var completed = has ? Time(fields, "CompletedDate") ?? Time(fields, "ResolvedDateTime") : null;
        return new TicketSnapshot(
            id,
            Time(envelope, "EventTime") ?? (has ? Time(fields, "LastTrackedModificationDateTime") ?? Time(fields, "LastActivityDate") : null),
            sequence,
            has ? Text(fields, "CompanyID") : null,
            has ? Text(fields, "Title") : null,
            Keys(has ? Text(fields, "Priority") : null),
            Keys(has ? Text(fields, "Status") : null),
            Keys(has ? Text(fields, "QueueID") : null),
            has ? Time(fields, "CreateDate") : null,
            has ? Time(fields, "FirstResponseDateTime") : null,
            has ? Time(fields, "ResolutionPlanDateTime") : null,
            completed is null ? null : true,
            dedup,
            TeamKeys: Keys(has ? Text(fields, "QueueID") : null));
    }

    private static ParsedDelivery HaloDelivery(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            if (root.GetArrayLength() > MaxTicketsPerDelivery)
                throw new FormatException($"A batch holds at most {MaxTicketsPerDelivery} events.");
            var tickets = new List<TicketSnapshot>();
            foreach (var item in root.EnumerateArray())
            {
                if (Property(item, "ticket") is { ValueKind: JsonValueKind.Object } ticket)
                    tickets.Add(HaloTicket(ticket, item, Text(item, "id")));
            }
            return tickets.Count > 0 ? new ParsedDelivery(tickets) : ParsedDelivery.Refused(TicketOutcome.Ignored, "The batch holds no ticket.");
        }
        return Property(root, "ticket") is { ValueKind: JsonValueKind.Object } single
            ? Tickets(HaloTicket(single, root, Text(root, "id")))
            : ParsedDelivery.Refused(TicketOutcome.Ignored, "The delivery holds no ticket object; choose a payload with the ticket in it.");
    }

    private static TicketSnapshot HaloTicket(JsonElement ticket, JsonElement? envelope, string? deliveryId)
    {
        var id = Text(ticket, "id") ?? throw Missing("ticket.id");
        var changedAt = (envelope is { } e ? Time(e, "timestamp") : null) ?? Time(ticket, "lastactiondate") ?? Time(ticket, "last_update");
        var closed = Flag(ticket, "hasbeenclosed") == true || Time(ticket, "dateclosed") is not null;
        return new TicketSnapshot(
            id, changedAt, null,
            Text(ticket, "client_id"),
            Text(ticket, "summary"),
            Keys(Text(ticket, "priority_id"), Text(ticket, "priority_name")),
            Keys(Text(ticket, "status_id"), Text(ticket, "status_name")),
            Keys(Text(ticket, "team_id"), Text(ticket, "team")),
            Time(ticket, "dateoccurred"),
            Time(ticket, "responsedate"),
            null,
            closed ? true : null,
            deliveryId is null ? null : $"{deliveryId}/{id}/{changedAt}",
            TeamKeys: Keys(Text(ticket, "team_id"), Text(ticket, "team")));
    }

    private static ParsedDelivery NinjaActivity(JsonElement root)
    {
        var status = (Text(root, "status") ?? Text(root, "statusCode"))?.ToUpperInvariant();
        if (status is not ("TRIGGERED" or "RESET" or "ACKNOWLEDGED"))
            return ParsedDelivery.Refused(TicketOutcome.Ignored, $"Activity status '{status}' neither triggers, acknowledges nor resets an alert.");
        var device = Text(root, "deviceId") ?? Nested(root, "device", "id") ?? throw Missing("deviceId");
        var series = Text(root, "sourceConfigUid") ?? Text(root, "seriesUid") ?? throw Missing("sourceConfigUid");
        var activityTime = Time(root, "activityTime");
        var organization = Text(root, "organizationId") ?? Nested(root, "device", "organizationId") ?? Nested(root, "organization", "id");
        return Tickets(new TicketSnapshot(
            $"{series}:{device}", activityTime, null, organization,
            Text(root, "message") ?? Text(root, "sourceName"),
            Keys(Text(root, "severity"), Text(root, "priority")),
            [], [],
            status == "TRIGGERED" ? activityTime : null,
            status == "ACKNOWLEDGED" ? activityTime : null,
            null,
            status switch { "RESET" => true, "TRIGGERED" => false, _ => null },
            Text(root, "id") is { } activity ? $"activity/{activity}" : null));
    }

    private static ParsedDelivery DattoAlert(JsonElement root)
    {
        var uid = Text(root, "alertUid") ?? Text(root, "alert_uid") ?? throw Missing("alertUid");
        var resolved = Flag(root, "resolved") == true;
        var timestamp = Time(root, "timestamp");
        var message = Text(root, "message") ?? Text(root, "alert_message");
        var hostname = Text(root, "hostname") ?? Text(root, "device_hostname");
        return Tickets(new TicketSnapshot(
            uid, timestamp, null,
            Text(root, "siteId") ?? Text(root, "site_id"),
            hostname is null ? message : $"{hostname}: {message}",
            Keys(Text(root, "priority") ?? Text(root, "alert_priority")),
            [], [],
            resolved ? null : timestamp,
            null,
            null,
            resolved,
            $"{uid}/{(resolved ? "resolved" : "raised")}"));
    }

    private static ParsedDelivery Tickets(TicketSnapshot ticket) =>
        ticket.ExternalId.Length > Domain.Customers.ExternalRef.IdMaxLength || ticket.CompanyId?.Length > Domain.Customers.ExternalRef.IdMaxLength
            ? throw new FormatException($"Ticket and company ids are at most {Domain.Customers.ExternalRef.IdMaxLength} characters.")
            : new ParsedDelivery([ticket]);

    private static JsonDocument ParseJson(string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"The body is not JSON: {e.Message}");
        }
    }

    private static FormatException Missing(string field) => new($"The delivery has no '{field}'.");

    private static string[] Keys(params string?[] candidates) => candidates.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).ToArray();

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                return property.Value;
        }
        return null;
    }

    private static string? Text(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    private static string? Nested(JsonElement element, string outer, string inner) =>
        Property(element, outer) is { ValueKind: JsonValueKind.Object } nested ? Text(nested, inner) : null;

    private static bool? Flag(JsonElement element, string name) => Text(element, name)?.ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    /// <summary>
    /// An ISO 8601 time (UTC when it names no offset) or epoch seconds or milliseconds; Halo's 1900 placeholder is none.
    /// A time outside the years SlaApi supports is not a time of any ticket.
    /// </summary>
    private static Instant? Time(JsonElement element, string name)
    {
        var value = Property(element, name);
        if (value is { ValueKind: JsonValueKind.Number } number && number.TryGetDouble(out var epoch))
            return Epoch(epoch, name);
        if (value is not { ValueKind: JsonValueKind.String } text || text.GetString() is not { Length: > 0 } s)
            return null;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var epochText))
            return Epoch(epochText, name);
        if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            throw new FormatException($"'{name}' is not a time: '{s}'.");
        if (parsed.Year <= 1901)
            return null;
        return SupportedTime.Contains(parsed) ? Instant.FromDateTimeOffset(parsed) : throw OutOfRange(name);
    }

    private static Instant Epoch(double value, string name)
    {
        var seconds = value > 1e11 ? value / 1000 : value;
        var earliest = SupportedTime.Earliest.ToUnixTimeSeconds();
        var latest = SupportedTime.Latest.ToUnixTimeSeconds();
        return seconds >= earliest && seconds < latest
            ? Instant.FromUnixTimeTicks((long)(seconds * NodaConstants.TicksPerSecond))
            : throw OutOfRange(name);
    }

    private static FormatException OutOfRange(string name) => new($"'{name}' must be a time {SupportedTime.Describe()}.");
}
