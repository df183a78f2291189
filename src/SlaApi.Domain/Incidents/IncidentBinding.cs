namespace SlaApi.Domain.Incidents;

/// <summary>The definition versions in force when the incident opened; kept for the incident's life (sla-semantics §4).</summary>
/// <param name="ResponseTier">The policy's priced tier the agreement chose, whose targets replace the policy's own.</param>
public sealed record IncidentBinding(
    Guid AgreementId,
    int AgreementVersion,
    Guid PolicyId,
    int PolicyVersion,
    IReadOnlyDictionary<Guid, int> CalendarVersions,
    string? ResponseTier = null);
