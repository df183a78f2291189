using SlaApi.Application.Agreements.Restatements;

namespace SlaApi.Api.Contracts.V1;

/// <summary>Re-states the agreement's incidents opened in [from, to) under one of its versions.</summary>
/// <param name="Version">The agreement version to apply; the latest when absent. Its policy and calendars apply as they stand now.</param>
/// <param name="From">Incidents opened from this instant, RFC 3339 with offset.</param>
/// <param name="To">...to this one, exclusive; at most 5,000 incidents in the period.</param>
/// <param name="Reason">Why, e.g. "Holiday calendar corrected: 2 November was a public holiday"; kept in the audit trail.</param>
public sealed record RestatementRequest(int? Version, DateTimeOffset? From, DateTimeOffset? To, string Reason)
{
    public RestateAgreementCommand ToCommand(Guid agreementId) => new(agreementId, Version, From, To, Reason);
}
