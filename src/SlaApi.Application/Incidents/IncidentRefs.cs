using SlaApi.Domain.Common;

namespace SlaApi.Application.Incidents;

/// <summary>(source, externalId) is an incident's natural key within its customer (ADR-006).</summary>
public static class IncidentRefs
{
    /// <summary>A caller that sees every customer named a (source, externalId) that more than one of them uses.</summary>
    public static BusinessRuleException Ambiguous(string source, string externalId, IReadOnlyList<Guid> incidentIds) => new(
        "incident.ref-ambiguous",
        $"{source}/{externalId} names incidents of {incidentIds.Count} customers; give customerId, or name the incident by its id.",
        new Dictionary<string, object?> { ["incidentIds"] = incidentIds });
}
