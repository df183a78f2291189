using System.Diagnostics;
using NodaTime;
using SlaApi.Application.Agreements;
using SlaApi.Application.Calendars;
using SlaApi.Application.Incidents;
using SlaApi.Application.Policies;
using SlaApi.Domain.Reports;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Policies;
using SlaApi.Domain.Simulations;

namespace SlaApi.Application.Simulations;

/// <summary>
/// Replays the stored events of the chosen agreements' incidents twice: under the definitions they are bound to, and
/// under the draft (sla-semantics §8 "What-if"). Nothing is stored but the answer. Incidents are read in one pass and
/// replayed a batch at a time on every core; progress is reported about once a second.
/// </summary>
public sealed class SimulationEngine(
    IAgreementRepository agreements, ISlaPolicyRepository policies, ICalendarRepository calendars,
    CalendarVersionCache calendarCache, BoundSlaProvider slas, TimeProvider time)
{
    private const int BatchSize = 1024;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    /// <param name="source">Incidents read on a connection of their own: the definitions are read while they stream.</param>
    /// <param name="offload">Runs a batch's replay away from the reading, as the host sees fit.</param>
    public async Task<(SimulationResult Result, IReadOnlyList<Flip> Flips)> RunAsync(
        SimulationRequest request, IReplaySource source, Func<Func<long>, Task<long>> offload, Func<long, long, Task> progress, CancellationToken ct)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var chosen = new Dictionary<Guid, Agreement>();
        foreach (var id in request.AgreementIds)
        {
            if (await agreements.GetAsync(id, null, ct) is { } agreement)
                chosen[id] = agreement;
        }
        var draftPolicy = request.Policy is { } policy ? SlaPolicy.Define(policy.ToTerms(), now.ToDateTimeOffset()) : null;
        var draftCalendars = draftPolicy is null ? null : await LatestCalendarsAsync(draftPolicy, ct);
        var drafts = new Dictionary<(BoundSla Actual, string? Tier), BoundSla>();
        var (from, to) = (Instant.FromDateTimeOffset(request.From), Instant.FromDateTimeOffset(request.To));

        var total = await source.CountAsync(chosen.Keys, from, to, ct);
        await progress(total, 0);
        var tally = new SimulationTally(now, id => Zone(chosen[id]));
        var actuals = new Dictionary<IncidentBinding, BoundSla>(ReferenceEqualityComparer.Instance);
        var batch = new List<(ReplayIncident Incident, BoundSla Actual, BoundSla Draft)>(BatchSize);
        var replaying = Task.FromResult(0L);
        var replayed = 0L;
        var sinceProgress = Stopwatch.StartNew();
        await foreach (var incident in source.StreamAsync(chosen.Keys, from, to, ct))
        {
            if (!actuals.TryGetValue(incident.Binding, out var actual))
                actuals[incident.Binding] = actual = (await slas.GetAsync(incident.Binding, ct))!;
            var tier = DraftTier(request.Terms, draftPolicy ?? actual.Policy, incident.Binding.ResponseTier);
            if (!drafts.TryGetValue((actual, tier), out var draft))
            {
                drafts[(actual, tier)] = draft = draftPolicy is null
                    ? new BoundSla(await BoundPolicyAsync(incident.Binding, ct) is { } bound ? bound.ForTier(tier) : actual.Policy, actual.Calendars)
                    : new BoundSla(draftPolicy.ForTier(tier), draftCalendars!);
            }
            batch.Add((incident, actual, draft));
            if (batch.Count == BatchSize)
            {
                // The next batch is read while this one is replayed; one batch at a time is added to the tally.
                replayed += await replaying;
                var full = batch;
                replaying = offload(() => Replay(full, tally, now));
                batch = new List<(ReplayIncident, BoundSla, BoundSla)>(BatchSize);
                if (sinceProgress.Elapsed >= ProgressEvery)
                {
                    await progress(total, replayed);
                    sinceProgress.Restart();
                }
            }
        }
        replayed += await replaying;
        replayed += Replay(batch, tally, now);
        await progress(Math.Max(total, replayed), replayed);

        var currentPolicies = new Dictionary<Guid, SlaPolicy?>();
        foreach (var policyId in chosen.Values.Select(a => a.Terms.PolicyId).Distinct())
            currentPolicies[policyId] = await policies.GetAsync(policyId, null, ct);
        return (Result(tally, chosen, request.Terms, draftPolicy, currentPolicies), tally.Flips);
    }

    /// <summary>The draft's tier: the one the draft terms name ("standard": none), else the agreement's, if the draft offers it.</summary>
    private static string? DraftTier(SimulatedTerms? terms, SlaPolicy policy, string? agreed) =>
        terms?.ResponseTier switch
        {
            SimulatedTerms.StandardTier => null,
            { } named => policy.TierNamed(named) is null ? null : named,
            null => agreed is not null && policy.TierNamed(agreed) is not null ? agreed : null,
        };

    private static long Replay(List<(ReplayIncident Incident, BoundSla Actual, BoundSla Draft)> batch, SimulationTally tally, Instant now)
    {
        var replayed = new SimulatedIncident[batch.Count];
        Parallel.For(0, batch.Count, i =>
        {
            var (incident, actual, draft) = batch[i];
            replayed[i] = new SimulatedIncident(incident.Id, incident.CustomerId, incident.Binding.AgreementId,
                SlaReplay.Evaluate(actual, incident.History, now), SlaReplay.Evaluate(draft, incident.History, now));
        });
        foreach (var incident in replayed)
            tally.Add(incident);
        return replayed.Length;
    }

    /// <summary>The bound policy version with its own targets: a tier it was bound under may be changed by the draft terms.</summary>
    private Task<SlaPolicy?> BoundPolicyAsync(IncidentBinding binding, CancellationToken ct) => policies.GetAsync(binding.PolicyId, binding.PolicyVersion, ct);

    private async Task<IReadOnlyDictionary<Guid, BusinessCalendar>> LatestCalendarsAsync(SlaPolicy policy, CancellationToken ct)
    {
        var bound = new Dictionary<Guid, BusinessCalendar>();
        foreach (var calendarId in policy.ReferencedCalendarIds)
        {
            var calendar = await calendars.GetAsync(calendarId, null, ct) ?? throw new InvalidOperationException($"Calendar {calendarId} is missing.");
            bound[calendarId] = calendarCache.Intern(calendar).ToBusinessCalendar();
        }
        return bound;
    }

    private static DateTimeZone Zone(Agreement agreement) => DateTimeZoneProviders.Tzdb[agreement.Terms.TimeZone ?? "UTC"];

    private static SimulationResult Result(
        SimulationTally tally, IReadOnlyDictionary<Guid, Agreement> chosen, SimulatedTerms? draftTerms, SlaPolicy? draftPolicy,
        IReadOnlyDictionary<Guid, SlaPolicy?> currentPolicies)
    {
        var compliance = tally.ByPriority.OrderBy(p => p.Key.Metric).ThenBy(p => p.Key.Priority).Select(p => new SimulatedComplianceDto(
            Names.Of(p.Key.Metric), p.Key.Priority, p.Value.ActualMet, p.Value.ActualBreached, Compliance.Percent(p.Value.ActualMet, p.Value.ActualBreached),
            p.Value.DraftMet, p.Value.DraftBreached, Compliance.Percent(p.Value.DraftMet, p.Value.DraftBreached))).ToArray();

        var credits = new List<SimulatedCreditDto>();
        foreach (var agreement in chosen.Values.OrderBy(a => a.Id))
        {
            var terms = agreement.Terms;
            var draft = terms with
            {
                CreditRules = draftTerms?.CreditRules?.Select(r => r.ToRule()).ToArray() ?? terms.CreditRules,
                CreditCapPercent = draftTerms?.CreditCapPercent ?? terms.CreditCapPercent,
            };
            var current = currentPolicies[terms.PolicyId];
            var actualCharge = terms.MonthlyChargeWith(Surcharge(current, terms.ResponseTier));
            var draftTier = DraftTier(draftTerms, draftPolicy ?? current!, terms.ResponseTier);
            var draftCharge = terms.MonthlyChargeWith(Surcharge(draftPolicy ?? current, draftTier));
            var months = tally.ByAgreementMonth.Where(m => m.Key.Agreement == agreement.Id).GroupBy(m => m.Key.Month);
            decimal actualCredit = 0, draftCredit = 0;
            foreach (var month in months)
            {
                var counts = month.ToDictionary(m => Names.Of(m.Key.Metric), m => m.Value);
                actualCredit += ServiceCredits.For(terms, actualCharge, metric => counts.TryGetValue(metric, out var c) ? new MetricMonth(c.ActualMet, c.ActualBreached) : MetricMonth.Nothing).Total;
                draftCredit += ServiceCredits.For(draft, draftCharge, metric => counts.TryGetValue(metric, out var c) ? new MetricMonth(c.DraftMet, c.DraftBreached) : MetricMonth.Nothing).Total;
            }
            credits.Add(new SimulatedCreditDto(agreement.Id, terms.MonthlyFee.Currency, actualCredit, draftCredit, draftCredit - actualCredit));
        }
        return new SimulationResult(tally.Incidents, tally.ExcludedIncidents, compliance.Sum(c => c.ActualBreached), compliance.Sum(c => c.DraftBreached),
            tally.MetToBreached, tally.BreachedToMet, tally.Flips.Count < tally.MetToBreached + tally.BreachedToMet, compliance, credits);
    }

    private static decimal Surcharge(SlaPolicy? policy, string? tier) =>
        tier is not null && policy?.TierNamed(tier) is { } offered ? offered.MonthlySurchargePercent : 0m;
}
