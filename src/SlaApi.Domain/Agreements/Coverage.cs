namespace SlaApi.Domain.Agreements;

/// <summary>The agreement that covers an incident, or why none does (sla-semantics §4).</summary>
public sealed record Coverage(Agreement? Agreement, string? UnboundReason)
{
    /// <summary>
    /// Of the customer's agreements, those in term at <paramref name="openedAt"/> are candidates. An incident that names
    /// a service is covered by one covering every service or listing it; one that names none, by one covering every
    /// service, or by the only agreement in term.
    /// </summary>
    public static Coverage Of(IEnumerable<Agreement> agreementsOfCustomer, string? serviceCode, DateTimeOffset openedAt)
    {
        var inForce = agreementsOfCustomer
            .Where(a => a.Terms.EffectiveFrom <= openedAt && (a.Terms.EffectiveTo is null || openedAt < a.Terms.EffectiveTo))
            .ToArray();
        var service = serviceCode?.Trim();
        var covering = service is null
            ? inForce.FirstOrDefault(a => a.Terms.CoversEveryService) ?? (inForce.Length == 1 ? inForce[0] : null)
            : inForce.FirstOrDefault(a => a.Terms.CoversEveryService || a.Terms.CoveredServices.Contains(service));
        if (covering is not null)
            return new Coverage(covering, null);
        return new Coverage(null, inForce.Length == 0
            ? "No agreement of the customer was in force when the incident opened."
            : service is null
                ? "The incident names no service and no agreement in force covers every service."
                : $"No agreement in force when the incident opened covers the service '{service}'.");
    }
}
