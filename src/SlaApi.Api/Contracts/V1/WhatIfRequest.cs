using SlaApi.Application.Simulations;
using SlaApi.Application.Simulations.RunSimulation;

namespace SlaApi.Api.Contracts.V1;

/// <summary>A what-if: the stored events of the chosen agreements' incidents opened in [from, to), replayed under a draft.</summary>
/// <param name="Policy">A draft policy, as for POST /policies, in place of each incident's bound policy; it is not stored.</param>
/// <param name="Terms">Draft agreement terms: credit rules, credit cap and response tier ("standard" for none) in place of those agreed.</param>
/// <param name="AgreementIds">Agreements whose incidents to replay (at most 1,000).</param>
/// <param name="CustomerIds">Customers whose agreements' incidents to replay (at most 1,000).</param>
/// <param name="From">Incidents opened from this instant, RFC 3339 with offset.</param>
/// <param name="To">...to this one, exclusive; at most 3 years after from.</param>
public sealed record WhatIfRequest(
    SimulatedPolicy? Policy, SimulatedTerms? Terms, IReadOnlyList<Guid>? AgreementIds, IReadOnlyList<Guid>? CustomerIds, DateTimeOffset? From, DateTimeOffset? To)
{
    public RunSimulationCommand ToCommand() => new(Policy, Terms, AgreementIds, CustomerIds, From, To);
}
