using NodaTime;
using SlaApi.Application.Agreements;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents;

/// <param name="Created">False when an incident already held the (customer, source, externalId); it is returned as stored.</param>
public sealed record OpenedIncidentState(Incident Incident, SlaEvaluation Evaluation, Instant EvaluatedAt, bool Created);

/// <summary>Opens an incident bound to the agreement in force at its opening, or finds the one that holds its reference already.</summary>
public sealed class IncidentOpener(IIncidentRepository incidents, IAgreementRepository agreements, BoundSlaProvider slas, TimeProvider time)
{
    /// <summary>Runs inside the caller's transaction.</summary>
    public async Task<OpenedIncidentState> OpenAsync(
        Guid customerId, string source, string externalId, string title, int priority, string? serviceCode, string? status,
        Instant openedAt, CancellationToken ct)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        if (await incidents.FindByRefAsync(customerId, source.Trim().ToLowerInvariant(), externalId.Trim(), ct) is { } existing)
            return await StoredAsync(existing, now, ct);

        var (binding, unboundReason) = await BindAsync(customerId, serviceCode, openedAt.ToDateTimeOffset(), ct);
        var incident = Incident.Open(source, externalId, customerId, title, priority, serviceCode, status, openedAt, binding, unboundReason, now);
        var sla = await slas.GetAsync(binding, ct);
        var evaluation = SlaReplay.Evaluate(sla, incident.History, now);
        if (await incidents.AddAsync(incident, evaluation, sla, now, ct))
            return new OpenedIncidentState(incident, evaluation, now, Created: true);
        var raced = await incidents.FindByRefAsync(customerId, incident.Source, incident.ExternalId, ct)
            ?? throw new InvalidOperationException("The incident that won the race is not visible.");
        return await StoredAsync(raced, now, ct);
    }

    private async Task<OpenedIncidentState> StoredAsync(Incident existing, Instant now, CancellationToken ct) =>
        new(existing, SlaReplay.Evaluate(await slas.GetAsync(existing.Binding, ct), existing.History, now), now, Created: false);

    /// <summary>The customer's agreement in force at the opening that covers the service (sla-semantics §4).</summary>
    private async Task<(IncidentBinding? Binding, string? UnboundReason)> BindAsync(
        Guid customerId, string? serviceCode, DateTimeOffset openedAt, CancellationToken ct)
    {
        var coverage = Coverage.Of(await agreements.ListInForceForCustomerAsync(customerId, openedAt, ct), serviceCode, openedAt);
        if (coverage.Agreement is not { } covering)
            return (null, coverage.UnboundReason);
        return (await slas.BindAsync(covering, openedAt, ct), null);
    }
}
