using SlaApi.Domain.Common;

namespace SlaApi.Domain.Customers;

public sealed class Customer
{
    public const int NameMaxLength = 200;
    public const int MaxExternalRefs = 20;

    private Customer(Guid id, string name, IReadOnlyList<ExternalRef> externalRefs, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        ExternalRefs = externalRefs;
        CreatedAt = createdAt;
    }

    public Guid Id { get; }

    public string Name { get; }

    public IReadOnlyList<ExternalRef> ExternalRefs { get; }

    public DateTimeOffset CreatedAt { get; }

    public static Customer Register(string name, IEnumerable<ExternalRef> externalRefs, DateTimeOffset now)
    {
        var refs = externalRefs.Select(r => new ExternalRef(r.Source.Trim().ToLowerInvariant(), r.Id.Trim())).ToArray();
        if (refs.GroupBy(r => r).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            throw new BusinessRuleException("customer.duplicate-external-ref", $"The reference {repeated.Key.Source}/{repeated.Key.Id} is listed twice.");
        return new Customer(Guid.CreateVersion7(now), name.Trim(), refs, now);
    }

    public static Customer Rehydrate(Guid id, string name, IReadOnlyList<ExternalRef> externalRefs, DateTimeOffset createdAt) =>
        new(id, name, externalRefs, createdAt);
}
