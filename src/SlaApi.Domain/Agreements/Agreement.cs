using SlaApi.Domain.Common;

namespace SlaApi.Domain.Agreements;

/// <summary>One immutable version of an agreement binding a customer to a policy (sla-semantics §4).</summary>
public sealed class Agreement
{
    public const int NameMaxLength = 200;
    public const int ServiceCodeMaxLength = 100;

    private Agreement(Guid id, int version, Guid customerId, AgreementTerms terms, DateTimeOffset versionEffectiveFrom)
    {
        Id = id;
        Version = version;
        CustomerId = customerId;
        Terms = terms;
        VersionEffectiveFrom = versionEffectiveFrom;
    }

    public Guid Id { get; }

    public int Version { get; }

    public Guid CustomerId { get; }

    public AgreementTerms Terms { get; }

    public DateTimeOffset VersionEffectiveFrom { get; }

    /// <param name="otherAgreementsOfCustomer">The latest version of each other agreement of the same customer.</param>
    public static Agreement Conclude(
        Guid customerId, AgreementTerms terms, IEnumerable<Agreement> otherAgreementsOfCustomer, DateTimeOffset now)
    {
        var agreement = new Agreement(Guid.CreateVersion7(now), 1, customerId, Normalize(terms), now);
        agreement.EnsureNoConflictWith(otherAgreementsOfCustomer);
        return agreement;
    }

    public static Agreement Rehydrate(Guid id, int version, Guid customerId, AgreementTerms terms, DateTimeOffset versionEffectiveFrom) =>
        new(id, version, customerId, terms, versionEffectiveFrom);

    public Agreement Revise(Guid customerId, AgreementTerms terms, IEnumerable<Agreement> otherAgreementsOfCustomer, DateTimeOffset now)
    {
        if (customerId != CustomerId)
            throw new BusinessRuleException("agreement.customer-immutable", "An agreement cannot move to another customer; conclude a new one.");
        var revised = new Agreement(Id, Version + 1, CustomerId, Normalize(terms), now);
        revised.EnsureNoConflictWith(otherAgreementsOfCustomer);
        return revised;
    }

    private static AgreementTerms Normalize(AgreementTerms terms)
    {
        if (terms.EffectiveTo is { } end && end <= terms.EffectiveFrom)
            throw new BusinessRuleException("agreement.term-ends-before-start", "An agreement must end after it starts.");
        return terms with
        {
            Name = terms.Name.Trim(),
            CoveredServices = terms.CoveredServices.Select(s => s.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
            MonthlyFee = terms.MonthlyFee with { Currency = terms.MonthlyFee.Currency.ToUpperInvariant() },
            ResponseTier = string.IsNullOrWhiteSpace(terms.ResponseTier) ? null : terms.ResponseTier.Trim(),
            Clauses = Normalize(terms.Clauses ?? AgreementClauses.None),
        };
    }

    private static AgreementClauses Normalize(AgreementClauses clauses) => clauses with
    {
        Exclusions = clauses.Exclusions.Select(e => e.Trim()).ToArray(),
        CustomerResponsibilities = clauses.CustomerResponsibilities.Select(r => r.Trim()).ToArray(),
        EscalationContacts = clauses.EscalationContacts.OrderBy(c => c.Level).ToArray(),
    };

    private void EnsureNoConflictWith(IEnumerable<Agreement> others)
    {
        var conflict = others.FirstOrDefault(o => o.Id != Id && Terms.OverlapsInTime(o.Terms) && Terms.SharesAService(o.Terms));
        if (conflict is not null)
        {
            throw new BusinessRuleException(
                "agreement.overlapping-term",
                $"Agreement {conflict.Id} of the same customer covers the same service in an overlapping term.",
                new Dictionary<string, object?> { ["conflictingAgreementId"] = conflict.Id });
        }
    }
}
