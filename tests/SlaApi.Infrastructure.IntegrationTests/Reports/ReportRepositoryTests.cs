using FluentAssertions;
using NodaTime;
using SlaApi.Application.Agreements;
using SlaApi.Application.Common.Persistence;
using SlaApi.Application.Customers;
using SlaApi.Application.Incidents;
using SlaApi.Application.Policies;
using SlaApi.Application.Reports;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Policies;
using SlaApi.TestSupport;

namespace SlaApi.Infrastructure.IntegrationTests.Reports;

/// <summary>The monthly counts are kept by difference; whatever the writes, they must equal a count of the outcome rows.</summary>
public sealed class ReportRepositoryTests(TestEngine engine) : DatabaseTest(engine)
{
    private static readonly Instant Start = Instant.FromUtc(2026, 8, 1, 0, 0);
    private static readonly Instant End = Instant.FromUtc(2026, 12, 1, 0, 0);
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 12, 0);

    private Guid _customerId;
    private IncidentBinding _binding = null!;

    [SetUp]
    public async Task DefineAgreement()
    {
        var policy = SlaPolicy.Define(new SlaPolicyTerms("Gold", Calendar.TwentyFourSevenId,
            [new PriorityTarget(1, 30, 240, 90, null), new PriorityTarget(2, 60, 480, null, null)], ["waiting-customer"], false, [75], 1440), Builders.Now);
        var customer = Builders.Customer();
        var agreement = Agreement.Conclude(customer.Id, Builders.Terms(policy.Id, services: []), [], Builders.Now);
        await Get<IUnitOfWork>().BeginAsync(CancellationToken.None);
        await Get<ISlaPolicyRepository>().AddAsync(policy, CancellationToken.None);
        await Get<ICustomerRepository>().AddAsync(customer, CancellationToken.None);
        await Get<IAgreementRepository>().AddAsync(agreement, CancellationToken.None);
        await Get<IUnitOfWork>().CommitAsync(CancellationToken.None);
        _customerId = customer.Id;
        _binding = await Get<BoundSlaProvider>().BindAsync(agreement, agreement.Terms.EffectiveFrom, CancellationToken.None);
    }

    [Test]
    public async Task AddMany_StoresEveryCycleOnce_AndCountsItInItsMonth()
    {
        var incidents = await GenerateAsync(60);

        await Get<IUnitOfWork>().BeginAsync(CancellationToken.None);
        var added = await Get<IIncidentRepository>().AddManyAsync(incidents, Now, CancellationToken.None);
        var again = await Get<IIncidentRepository>().AddManyAsync(incidents, Now, CancellationToken.None);
        await Get<IUnitOfWork>().CommitAsync(CancellationToken.None);

        added.Should().Be(60);
        again.Should().Be(0, "an incident already stored is not stored, nor counted, twice");
        var expected = incidents.SelectMany(i => i.Evaluation.Outcomes.Select(o => (o, i.Evaluation.Excluded))).ToArray();
        (await CountsAsync(monthly: true)).Should().Be(Totals(expected));
        (await CountsAsync(monthly: false)).Should().Be(Totals(expected));
        (await Get<IIncidentRepository>().GetAsync(incidents[0].Incident.Id, CancellationToken.None))!.Events.Should().HaveCount(incidents[0].Incident.Events.Count);
    }

    [Test]
    public async Task LaterEvents_MoveCountsBetweenMonthsAndOutcomes_ByDifference([Values] bool storedEvaluationKnown)
    {
        var incidents = await GenerateAsync(30);
        await Get<IUnitOfWork>().BeginAsync(CancellationToken.None);
        await Get<IIncidentRepository>().AddManyAsync(incidents, Now, CancellationToken.None);
        await Get<IUnitOfWork>().CommitAsync(CancellationToken.None);

        var changes = new List<IncidentChange>();
        var slas = Get<BoundSlaProvider>();
        foreach (var (n, (incident, stored)) in incidents.Index())
        {
            var before = incident.Events.Count;
            var last = incident.Events.Count == 0 ? incident.OpenedAt : incident.Events.Max(e => e.OccurredAt);
            incident.Record("late-reopen", IncidentEventType.Reopened, last + (n % 3 == 0 ? Duration.FromDays(10) : Duration.FromHours(2)), null, null, null, Now);
            incident.Record("late-exclude", n % 2 == 0 ? IncidentEventType.Excluded : IncidentEventType.Included, last + Duration.FromDays(11), null, null, "test", Now);
            var sla = await slas.GetAsync(incident.Binding, CancellationToken.None);
            var evaluation = SlaReplay.Evaluate(sla, incident.History, Now);
            changes.Add(new IncidentChange(incident, incident.Events.Skip(before).ToArray(), sla, evaluation, Now, storedEvaluationKnown ? StoredState.Of(stored) : null));
        }
        await Get<IUnitOfWork>().BeginAsync(CancellationToken.None);
        await Get<IIncidentRepository>().AppendEventsAsync(changes, CancellationToken.None);
        await Get<IUnitOfWork>().CommitAsync(CancellationToken.None);

        var expected = changes.SelectMany(c => c.Evaluation.Outcomes.Select(o => (o, c.Evaluation.Excluded))).ToArray();
        (await CountsAsync(monthly: true)).Should().Be(Totals(expected));
        (await CountsAsync(monthly: false)).Should().Be(Totals(expected));
        expected.Should().Contain(e => e.Excluded).And.Contain(e => !e.Excluded && e.o.Breached);
    }

    private async Task<(long Met, long Breached, long Excluded)> CountsAsync(bool monthly)
    {
        var grouping = new OutcomeGrouping(Customer: true, Priority: true, Metric: true, Service: true, CustomerId: null);
        var reports = Get<IReportRepository>();
        var rows = monthly
            ? await reports.MonthlyCountsAsync(Start, End + Duration.FromDays(120), grouping, CancellationToken.None)
            : await reports.SettledCountsAsync(Start, End + Duration.FromDays(120), grouping, CancellationToken.None);
        rows.Should().OnlyContain(r => r.CustomerId == _customerId);
        return (rows.Sum(r => r.Met), rows.Sum(r => r.Breached), rows.Sum(r => r.Excluded));
    }

    private static (long Met, long Breached, long Excluded) Totals((ClockOutcome Outcome, bool Excluded)[] outcomes) => (
        outcomes.LongCount(o => !o.Excluded && !o.Outcome.Breached),
        outcomes.LongCount(o => !o.Excluded && o.Outcome.Breached),
        outcomes.LongCount(o => o.Excluded));

    private async Task<List<(Incident Incident, SlaEvaluation Evaluation)>> GenerateAsync(int count)
    {
        var random = new Random(7);
        var sla = await Get<BoundSlaProvider>().GetAsync(_binding, CancellationToken.None);
        var incidents = new List<(Incident, SlaEvaluation)>();
        for (var i = 0; i < count; i++)
        {
            var opened = Start + Duration.FromMinutes(random.Next(0, 80 * 24 * 60));
            var incident = Incident.Open("psa", $"R-{i}", _customerId, "Generated", random.Next(1, 3), null, "new", opened, _binding, null, Now);
            incident.Record("responded", IncidentEventType.Responded, opened + Duration.FromMinutes(random.Next(5, 60)), null, null, null, Now);
            incident.Record("updated", IncidentEventType.Updated, opened + Duration.FromMinutes(random.Next(60, 200)), null, null, null, Now);
            if (i % 5 != 0)
                incident.Record("resolved", IncidentEventType.Resolved, opened + Duration.FromMinutes(random.Next(100, 500)), null, null, null, Now);
            incidents.Add((incident, SlaReplay.Evaluate(sla, incident.History, Now)));
        }
        return incidents;
    }
}
