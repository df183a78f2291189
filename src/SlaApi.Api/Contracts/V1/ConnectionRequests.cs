using System.Text.Json;
using SlaApi.Application.Connectors;
using SlaApi.Application.Connectors.CreateConnection;
using SlaApi.Application.Connectors.ReviseConnection;
using SlaApi.Application.Connectors.SubmitSnapshots;

namespace SlaApi.Api.Contracts.V1;

/// <summary>A PSA or RMM tool that posts to SlaApi in its own format.</summary>
/// <param name="Kind">connectwise, autotask, halo, ninjaone or datto-rmm.</param>
/// <param name="Name">What the MSP calls it, such as "Autotask production".</param>
/// <param name="Source">The incidents' source, and the source of the customers' externalRefs that name the tool's companies; the kind when absent.</param>
/// <param name="Secret">Autotask: the webhook's SecretKey (required). Halo: the Basic password or Bearer token it sends (required). Not used by the others.</param>
/// <param name="KeyUrlHosts">ConnectWise: the hosts signing keys may be fetched from, such as api-na.myconnectwise.net or *.myconnectwise.net (required).</param>
/// <param name="Mapping">The tool's priorities, statuses, boards and teams in SlaApi's terms, and the service code.</param>
public sealed record ConnectionRequest(
    string Kind, string Name, string? Source, string? Secret, IReadOnlyList<string>? KeyUrlHosts, ConnectionMappingDto? Mapping)
{
    public CreateConnectionCommand ToCommand() => new(Kind, Name, Source, Secret, KeyUrlHosts, Mapping);
}

/// <summary>The next version of a connection; its kind and inbound URL stay.</summary>
/// <param name="Name">What the MSP calls it.</param>
/// <param name="Source">The incidents' source and the customers' externalRefs source; the kind when absent.</param>
/// <param name="Secret">The new secret; the current one stays when absent.</param>
/// <param name="KeyUrlHosts">ConnectWise: the hosts signing keys may be fetched from.</param>
/// <param name="Mapping">The tool's priorities, statuses, boards and teams in SlaApi's terms, and the service code.</param>
public sealed record ConnectionRevisionRequest(
    string Name, string? Source, string? Secret, IReadOnlyList<string>? KeyUrlHosts, ConnectionMappingDto? Mapping)
{
    public ReviseConnectionCommand ToCommand(Guid id, int expectedVersion) => new(id, expectedVersion, Name, Source, Secret, KeyUrlHosts, Mapping);
}

/// <summary>Tickets (or RMM alerts) as a poll of the tool's REST API returned them.</summary>
/// <param name="Tickets">At most 1,000; each is stored and applied as a delivery.</param>
public sealed record SnapshotsRequest(IReadOnlyList<JsonElement> Tickets)
{
    public SubmitSnapshotsCommand ToCommand(Guid connectionId) => new(connectionId, (Tickets ?? []).Select(t => t.GetRawText()).ToArray());
}

/// <summary>The deliveries the snapshots were stored as, in the order given; processing follows.</summary>
public sealed record SnapshotsAccepted(IReadOnlyList<Guid> DeliveryIds);
