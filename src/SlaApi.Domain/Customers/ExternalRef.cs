namespace SlaApi.Domain.Customers;

/// <summary>The id a PSA or RMM tool gives a customer, e.g. ("connectwise", "250").</summary>
public sealed record ExternalRef(string Source, string Id)
{
    public const int SourceMaxLength = 50;
    public const int IdMaxLength = 100;
}
