using FluentAssertions;
using NodaTime;
using SlaApi.Application.Agreements;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Common.Persistence;
using SlaApi.Application.Customers;
using SlaApi.Application.Incidents;
using SlaApi.Application.Policies;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Policies;
using SlaApi.TestSupport;

namespace SlaApi.Infrastructure.IntegrationTests.Incidents;

/// <summary>List filters say "breached", "at risk" and "in state" in SQL; they must agree with the domain's rules for stored clocks.</summary>
public sealed class IncidentReadRepositoryTests(TestEngine engine) : DatabaseTest(engine)
{
    private static readonly Instant StoredAt = Instant.FromUtc(2026, 11, 25, 12, 0);

    [Test]
    public async Task Filters_AgreeWithTheStoredClockRules_AtAnyLaterInstant()
    {
        await StoreIncidentsAsync();
        var reads = Get<IIncidentReadRepository>();
        var all = (await reads.ListAsync(Filter(), new PageRequest(1, 200), StoredAt, CancellationToken.None)).Items;
        all.SelectMany(i => i.Clocks).Select(c => c.State).Distinct().Should().BeEquivalentTo([ClockState.Running, ClockState.Paused, ClockState.Met, ClockState.Breached]);

        // Instants on and around the due and warning instants of the clocks stored below: opened + 15, 30 and 240 minutes.
        foreach (var minutes in new[] { 0, 3, 4, 10, 18, 25, 46, 100, 228, 3000 })
        {
            var now = StoredAt + Duration.FromMinutes(minutes);
            async Task<IEnumerable<Guid>> Listed(IncidentFilter filter) =>
                (await reads.ListAsync(filter, new PageRequest(1, 200), now, CancellationToken.None)).Items.Select(i => i.Id);
            IEnumerable<Guid> Where(Func<StoredClock, bool> rule) => all.Where(i => i.Clocks.Any(rule)).Select(i => i.Id);

            foreach (var state in Enum.GetValues<ClockState>())
                (await Listed(Filter() with { State = state })).Should().BeEquivalentTo(Where(c => c.StateAt(now) == state), $"state {state} at +{minutes} min");
            (await Listed(Filter() with { Breached = true })).Should().BeEquivalentTo(Where(c => c.IsBreachedAt(now)), $"breached at +{minutes} min");
            (await Listed(Filter() with { Breached = false })).Should().BeEquivalentTo(all.Select(i => i.Id).Except(Where(c => c.IsBreachedAt(now))));
            (await Listed(Filter() with { AtRisk = true })).Should().BeEquivalentTo(Where(c => c.AtRiskAt(now)), $"at risk at +{minutes} min");
            (await Listed(Filter() with { AtRisk = false })).Should().BeEquivalentTo(all.Select(i => i.Id).Except(Where(c => c.AtRiskAt(now))));
        }
    }

    private static IncidentFilter Filter() => new(null, null, null, null, null, null, null);

    /// <summary>Incidents opened from four hours to minutes before the instant they are stored at: running, paused, met and breached clocks.</summary>
    private async Task StoreIncidentsAsync()
    {
        var policy = SlaPolicy.Define(new SlaPolicyTerms("Gold", Calendar.TwentyFourSevenId,
            [new PriorityTarget(1, 30, 240, 60, null)], ["waiting-customer"], false, [50, 75], 1440), Builders.Now);
        var customer = Builders.Customer();
        var agreement = Agreement.Conclude(customer.Id, Builders.Terms(policy.Id, services: []), [], Builders.Now);
        await Get<IUnitOfWork>().BeginAsync(CancellationToken.None);
        await Get<ISlaPolicyRepository>().AddAsync(policy, CancellationToken.None);
        await Get<ICustomerRepository>().AddAsync(customer, CancellationToken.None);
        await Get<IAgreementRepository>().AddAsync(agreement, CancellationToken.None);
        await Get<IUnitOfWork>().CommitAsync(CancellationToken.None);
        var binding = await Get<BoundSlaProvider>().BindAsync(agreement, agreement.Terms.EffectiveFrom, CancellationToken.None);
        var sla = await Get<BoundSlaProvider>().GetAsync(binding, CancellationToken.None);

        var incidents = new List<(Incident, SlaEvaluation)>();
        for (var i = 0; i < 40; i++)
        {
            var opened = StoredAt - Duration.FromMinutes(5 + i * 7);
            var incident = Incident.Open("psa", $"F-{i}", customer.Id, "Filtered", 1, null, "new", opened, binding, null, StoredAt);
            if (i % 4 == 1)
                incident.Record("paused", IncidentEventType.StatusChanged, opened + Duration.FromMinutes(2), "waiting-customer", null, null, StoredAt);
            if (i % 4 == 2)
                incident.Record("responded", IncidentEventType.Responded, opened + Duration.FromMinutes(3), null, null, null, StoredAt);
            if (i % 8 == 3)
                incident.Record("resolved", IncidentEventType.Resolved, opened + Duration.FromMinutes(4), null, null, null, StoredAt);
            incidents.Add((incident, SlaReplay.Evaluate(sla, incident.History, StoredAt)));
        }
        await Get<IUnitOfWork>().BeginAsync(CancellationToken.None);
        await Get<IIncidentRepository>().AddManyAsync(incidents, StoredAt, CancellationToken.None);
        await Get<IUnitOfWork>().CommitAsync(CancellationToken.None);
    }
}
