using NodaTime;

namespace SlaApi.Application.Agreements;

/// <summary>The records refresh advice is decided from, read for one page of agreements at a time.</summary>
public interface IAdviceRepository
{
    /// <summary>Incidents of the customers opened in [from, to) that no agreement covered, counted per service.</summary>
    Task<IReadOnlyList<UnboundServiceCount>> UnboundServicesAsync(IReadOnlyCollection<Guid> customerIds, Instant from, Instant to, CancellationToken ct);

    /// <summary>Met and breached clocks per agreement and UTC month of settlement, for months starting in [fromMonth, toMonth).</summary>
    Task<IReadOnlyList<AgreementMonthCounts>> MonthlyOutcomesAsync(IReadOnlyCollection<Guid> agreementIds, Instant fromMonth, Instant toMonth, CancellationToken ct);

    /// <summary>Clocks of incidents not excluded that stopped in [from, to): how many, and the sum of the shares of target they used.</summary>
    Task<IReadOnlyList<TargetUse>> TargetUseAsync(IReadOnlyCollection<Guid> agreementIds, Instant from, Instant to, CancellationToken ct);

    /// <summary>The instants at which disputes on the agreements were raised in [from, to).</summary>
    Task<IReadOnlyList<(Guid AgreementId, Instant RaisedAt)>> DisputesRaisedAsync(IReadOnlyCollection<Guid> agreementIds, Instant from, Instant to, CancellationToken ct);
}

public sealed record UnboundServiceCount(Guid CustomerId, string ServiceCode, long Incidents);

public sealed record AgreementMonthCounts(Guid AgreementId, Instant Month, long Met, long Breached);

public sealed record TargetUse(Guid AgreementId, long Clocks, double SumOfShares);
