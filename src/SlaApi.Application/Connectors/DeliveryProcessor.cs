using NodaTime;
using SlaApi.Application.Common.Persistence;
using SlaApi.Application.Customers;
using SlaApi.Application.Incidents;
using SlaApi.Application.Incidents.Ingestion;
using SlaApi.Domain.Common;
using SlaApi.Domain.Connectors;
using SlaApi.Domain.Customers;

namespace SlaApi.Application.Connectors;

/// <summary>
/// Makes incidents and events of one stored delivery: each ticket it describes is compared with its last known state,
/// its incident opened if new, the difference recorded through the writer, then the new state stored with the
/// delivery's outcome. Events are named after the delivery, so processing the same delivery again after a failure
/// records nothing twice.
/// </summary>
public sealed class DeliveryProcessor(
    IInboundRepository inbox, ICustomerRepository customers, IncidentOpener opener, IEventWriter writer, IUnitOfWork unitOfWork, TimeProvider time)
{
    public async Task<DeliveryResult> ProcessAsync(Connection connection, InboundDelivery delivery, CancellationToken ct)
    {
        var result = await DecideAsync(connection, delivery, ct);
        await unitOfWork.BeginAsync(ct);
        try
        {
            foreach (var (externalId, state) in result.States)
                await inbox.SaveTicketAsync(connection.Id, externalId, state, ct);
            await inbox.CompleteAsync(delivery.Id, result.Result, time.GetUtcNow(), ct);
            await unitOfWork.CommitAsync(ct);
        }
        catch
        {
            await unitOfWork.RollbackAsync(CancellationToken.None);
            throw;
        }
        return result.Result;
    }

    private async Task<(DeliveryResult Result, Dictionary<string, TicketState> States)> DecideAsync(
        Connection connection, InboundDelivery delivery, CancellationToken ct)
    {
        var states = new Dictionary<string, TicketState>(StringComparer.Ordinal);
        ParsedDelivery parsed;
        try
        {
            parsed = delivery.IsRecord
                ? DeliveryFormats.ParseRecord(connection.Kind, delivery.Body)
                : DeliveryFormats.Parse(connection.Kind, delivery.Body);
        }
        catch (FormatException e)
        {
            return (new DeliveryResult(InboundStatus.Failed, e.Message, null, []), states);
        }
        if (parsed.Refusal is { } refusal)
            return (new DeliveryResult(InboundStatus.Of(refusal), parsed.Reason, null, []), states);

        var externalIds = parsed.Tickets.Select(t => t.ExternalId).Distinct().ToArray();
        var dedupKey = parsed.Tickets is [var only] ? only.DedupKey : null;
        if (dedupKey is not null && await inbox.WasAppliedAsync(connection.Id, dedupKey, delivery.Id, ct))
            return (new DeliveryResult(InboundStatus.Duplicate, "A delivery with the same identity was applied already.", dedupKey, externalIds), states);

        var receivedAt = Instant.FromDateTimeOffset(delivery.ReceivedAt);
        (string Status, string? Reason)? refused = null;
        string? staleReason = null;
        var applied = false;
        for (var i = 0; i < parsed.Tickets.Count; i++)
        {
            var (status, reason) = await ApplyAsync(connection, delivery.Id, i, parsed.Tickets[i], receivedAt, states, ct);
            if (status == InboundStatus.Processed)
                applied = true;
            else if (status == InboundStatus.Stale)
                staleReason ??= reason;
            else
                refused ??= (status, reason);
        }
        var result = refused is { } r ? new DeliveryResult(r.Status, r.Reason, dedupKey, externalIds)
            : applied ? new DeliveryResult(InboundStatus.Processed, null, dedupKey, externalIds)
            : new DeliveryResult(InboundStatus.Stale, staleReason, dedupKey, externalIds);
        return (result, states);
    }

    private async Task<(string Status, string? Reason)> ApplyAsync(
        Connection connection, Guid deliveryId, int index, TicketSnapshot ticket, Instant receivedAt, Dictionary<string, TicketState> states,
        CancellationToken ct)
    {
        var stored = states.TryGetValue(ticket.ExternalId, out var known) ? known : await inbox.GetTicketAsync(connection.Id, ticket.ExternalId, ct);
        var decision = TicketDiff.Decide(connection.Kind, connection.Mapping, stored, ticket, receivedAt);
        if (decision.Outcome != TicketOutcome.Applied)
            return (InboundStatus.Of(decision.Outcome), decision.Reason);

        var incidentId = stored?.IncidentId ?? Guid.Empty;
        if (decision.Opening is { } opening)
        {
            var customer = await customers.FindByExternalRefAsync(new ExternalRef(connection.Source, opening.CompanyId), ct);
            if (customer is null)
                return (InboundStatus.Unmapped, $"No customer has the external ref {connection.Source}/{opening.CompanyId}; add it to the customer's externalRefs, then reprocess.");
            try
            {
                incidentId = await OpenAsync(connection, ticket.ExternalId, customer.Id, opening, ct);
            }
            catch (UnprocessableException e)
            {
                return (InboundStatus.Failed, e.Message);
            }
        }
        if (decision.Events.Count > 0)
        {
            var submissions = decision.Events.Select((e, n) => new EventSubmission(incidentId, null, null, $"{deliveryId:N}.{index}.{n}",
                e.Type, e.OccurredAt, e.Status, e.Priority, null, null, e.TeamId)).ToArray();
            var outcomes = await writer.SubmitAsync(submissions, withIncidents: false, $"connection:{connection.Id}", ct);
            if (outcomes.FirstOrDefault(o => o.Error is not null) is { Error: { } error })
                return (InboundStatus.Failed, error.Message);
        }
        states[ticket.ExternalId] = decision.Next! with { IncidentId = incidentId };
        return (InboundStatus.Processed, null);
    }

    private async Task<Guid> OpenAsync(Connection connection, string externalId, Guid customerId, TicketOpening opening, CancellationToken ct)
    {
        await unitOfWork.BeginAsync(ct);
        try
        {
            var opened = await opener.OpenAsync(customerId, connection.Source, externalId, opening.Title, opening.Priority,
                connection.Mapping.ServiceCode, opening.Status, opening.OpenedAt, ct);
            await unitOfWork.CommitAsync(ct);
            return opened.Incident.Id;
        }
        catch
        {
            await unitOfWork.RollbackAsync(CancellationToken.None);
            throw;
        }
    }
}
