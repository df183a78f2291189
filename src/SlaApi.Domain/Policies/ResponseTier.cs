namespace SlaApi.Domain.Policies;

/// <summary>
/// A priced level of service a policy offers besides its own targets (premium response, for instance): an agreement
/// that chooses it is held to these targets and pays the surcharge on its monthly fee, so the promise and the price
/// stay together.
/// </summary>
public sealed record ResponseTier(string Name, decimal MonthlySurchargePercent, IReadOnlyList<PriorityTarget> Targets)
{
    public const int NameMaxLength = 100;
}
