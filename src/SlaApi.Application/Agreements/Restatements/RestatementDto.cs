using SlaApi.Application.Incidents;
using SlaApi.Domain.Agreements;

namespace SlaApi.Application.Agreements.Restatements;

/// <param name="Incidents">How many incidents were bound again.</param>
/// <param name="OutcomesChanged">How many of them had another set of breached clock cycles afterwards.</param>
/// <param name="Active">False once reverted.</param>
/// <param name="Number">1 for the agreement's first restatement, and so on.</param>
public sealed record RestatementDto(
    Guid Id, Guid AgreementId, int Number, int AgreementVersion, DateTimeOffset From, DateTimeOffset To, string Reason, DateTimeOffset RestatedAt,
    string RestatedBy, bool Active, DateTimeOffset? RevertedAt, string? RevertedBy, int Incidents, int OutcomesChanged, long BreachesBefore,
    long BreachesAfter)
{
    public static RestatementDto Of(Restatement r) => new(
        r.Id, r.AgreementId, r.Number, r.AgreementVersion, r.From.ToDateTimeOffset(), r.To.ToDateTimeOffset(), r.Reason, r.RestatedAt.ToDateTimeOffset(),
        r.RestatedBy, r.IsActive, r.RevertedAt?.ToDateTimeOffset(), r.RevertedBy, r.Incidents, r.OutcomesChanged, r.BreachesBefore, r.BreachesAfter);
}

/// <summary>One incident restated: its binding before and after, and the clock cycles breached under each ("metric:cycle").</summary>
public sealed record RestatedIncidentDto(
    Guid IncidentId, SlaBindingDto Before, SlaBindingDto After, IReadOnlyList<string> BreachedBefore, IReadOnlyList<string> BreachedAfter, bool OutcomeChanged)
{
    public static RestatedIncidentDto From(RestatedIncident i) => new(
        i.IncidentId, SlaBindingDto.Of(i.Before), SlaBindingDto.Of(i.After), i.BreachedBefore, i.BreachedAfter, i.OutcomeChanged);
}
