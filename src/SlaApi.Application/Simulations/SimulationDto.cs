using SlaApi.Application.Agreements;
using SlaApi.Application.Policies;

namespace SlaApi.Application.Simulations;

/// <summary>A draft policy, as for POST /policies; it is never stored.</summary>
public sealed record SimulatedPolicy(
    string Name, Guid CalendarId, IReadOnlyList<PriorityTargetDto> Targets, IReadOnlyList<string>? PauseStatuses, bool? PauseResponse,
    IReadOnlyList<int>? WarningThresholds, int? ReopenWindowMinutes, IReadOnlyList<ResponseTierDto>? ResponseTiers, int? MaxPauseMinutes = null,
    IReadOnlyList<string>? PauseReasons = null, IReadOnlyList<Guid>? EscalationPath = null)
    : IPolicyDefinition;

/// <summary>Draft agreement terms applied to every agreement simulated; what is absent stays as agreed.</summary>
/// <param name="ResponseTier">A tier of the draft policy (or of the agreement's policy, without one); "standard" for the policy's own targets.</param>
public sealed record SimulatedTerms(IReadOnlyList<CreditRuleDto>? CreditRules, decimal? CreditCapPercent, string? ResponseTier)
{
    public const string StandardTier = "standard";
}

/// <summary>What was asked: kept with the simulation and read back by the runner.</summary>
public sealed record SimulationRequest(
    SimulatedPolicy? Policy, SimulatedTerms? Terms, IReadOnlyList<Guid> AgreementIds, DateTimeOffset From, DateTimeOffset To);

/// <param name="ActualCompliance">met / (met + breached) × 100 as the clocks were; null when none settled.</param>
public sealed record SimulatedComplianceDto(
    string Metric, int Priority, long ActualMet, long ActualBreached, decimal? ActualCompliance, long DraftMet, long DraftBreached, decimal? DraftCompliance);

/// <summary>Service credits over the months of the period (each in the agreement's zone), under its latest terms and under the draft.</summary>
public sealed record SimulatedCreditDto(Guid AgreementId, string Currency, decimal ActualCredit, decimal DraftCredit, decimal Difference);

/// <param name="Status">queued, running, completed or failed.</param>
/// <param name="PercentDone">Incidents replayed out of those to replay, 0 to 100.</param>
/// <param name="Compliance">Filled once completed: per metric and priority, both sides.</param>
/// <param name="MetToBreached">Clock cycles met as they were and breached under the draft; null until completed.</param>
public sealed record SimulationDto(
    Guid Id, string Status, int PercentDone, long IncidentsTotal, long IncidentsReplayed, DateTimeOffset From, DateTimeOffset To,
    IReadOnlyList<Guid> AgreementIds, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error,
    long? ExcludedIncidents, long? ActualBreaches, long? DraftBreaches, long? MetToBreached, long? BreachedToMet, bool? FlipsTruncated,
    IReadOnlyList<SimulatedComplianceDto> Compliance, IReadOnlyList<SimulatedCreditDto> Credits);

/// <summary>A clock cycle the draft turns round.</summary>
/// <param name="Actual">met or breached, as it was.</param>
/// <param name="Draft">breached or met, under the draft.</param>
public sealed record FlipDto(
    Guid IncidentId, Guid CustomerId, Guid AgreementId, int Priority, string Metric, int Cycle, string Actual, string Draft,
    long ActualTargetSeconds, long DraftTargetSeconds, long? ElapsedSecondsActual, long? ElapsedSecondsDraft);
