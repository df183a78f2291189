using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SlaApi.Application;
using SlaApi.Application.Agreements;
using SlaApi.Application.Calendars;
using SlaApi.Application.Common.Persistence;
using SlaApi.Application.Customers;
using SlaApi.Application.Incidents;
using SlaApi.Application.Policies;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Customers;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Policies;
using SlaApi.Infrastructure;
using SlaApi.Infrastructure.Persistence;
using SlaApi.Seeder;

var options = SeedOptions.Parse(args);
var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = options.Provider,
        ["ConnectionStrings:Sla"] = options.Connection,
    })
    .Build();
var services = new ServiceCollection()
    .AddLogging()
    .AddSingleton(TimeProvider.System)
    .AddApplication()
    .AddInfrastructure(configuration)
    .BuildServiceProvider();

services.GetRequiredService<DatabaseMigrator>().Migrate();
var clock = Stopwatch.StartNew();
var now = DateTimeOffset.UtcNow;

await using var scope = services.CreateAsyncScope();
var provider = scope.ServiceProvider;
var unitOfWork = provider.GetRequiredService<IUnitOfWork>();
var agreements = await DefineAsync(provider, unitOfWork, options, now, new Random(options.Seed));
Console.WriteLine($"{options.Customers} customers with agreements defined in {clock.Elapsed.TotalSeconds:F1} s");

var evaluatedAt = Instant.FromDateTimeOffset(now);
var progress = new Progress(options.Incidents, options.BatchSize * 20, clock);
// Each worker seeds its own customers, so no two transactions ever count into the same monthly row.
await Task.WhenAll(Enumerable.Range(0, options.Workers).Select(worker => Task.Run(async () =>
{
    var share = options.Incidents / options.Workers + (worker < options.Incidents % options.Workers ? 1 : 0);
    var mine = agreements.Where((_, i) => i % options.Workers == worker).ToArray();
    await using var workerScope = services.CreateAsyncScope();
    var incidents = workerScope.ServiceProvider.GetRequiredService<IIncidentRepository>();
    var slas = workerScope.ServiceProvider.GetRequiredService<BoundSlaProvider>();
    var transaction = workerScope.ServiceProvider.GetRequiredService<IUnitOfWork>();
    var generator = new IncidentGenerator(new Random(options.Seed + worker + 1), mine, $"S{worker}", now.AddMonths(-options.Months), now.AddDays(-1), share);
    for (var written = 0; written < share;)
    {
        var batch = new List<(Incident, SlaEvaluation)>(options.BatchSize);
        for (var i = 0; i < options.BatchSize && written + i < share; i++)
        {
            var incident = await generator.NextAsync(written + i, slas);
            batch.Add((incident, SlaReplay.Evaluate(await slas.GetAsync(incident.Binding, CancellationToken.None), incident.History, evaluatedAt)));
        }
        await transaction.BeginAsync(CancellationToken.None);
        var added = await incidents.AddManyAsync(batch, evaluatedAt, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        written += batch.Count;
        progress.Add(added, batch.Sum(b => b.Item1.Events.Count));
    }
})));
Console.WriteLine($"Seeded {progress.Incidents:N0} incidents with {progress.Events:N0} events in {clock.Elapsed.TotalSeconds:F0} s " +
    $"({options.Provider}, {options.Workers} worker(s)).");
return;

static async Task<IReadOnlyList<Agreement>> DefineAsync(IServiceProvider provider, IUnitOfWork unitOfWork, SeedOptions options, DateTimeOffset now, Random random)
{
    var calendars = provider.GetRequiredService<ICalendarRepository>();
    var policies = provider.GetRequiredService<ISlaPolicyRepository>();
    var customers = provider.GetRequiredService<ICustomerRepository>();
    var agreementRepository = provider.GetRequiredService<IAgreementRepository>();
    await unitOfWork.BeginAsync(CancellationToken.None);
    var offices = new List<Guid>();
    foreach (var zone in new[] { "America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata" })
    {
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        var calendar = Calendar.Define($"Office hours {zone}", zone,
            WeeklySchedule.Create(weekdays.Select(d => new WeeklyInterval(d, 8 * 60, 18 * 60)).ToArray()),
            [new Holiday(new LocalDate(now.Year, 1, 1), "New Year's Day"), new Holiday(new LocalDate(now.Year - 1, 12, 25), "Christmas Day")], now);
        await calendars.AddAsync(calendar, CancellationToken.None);
        offices.Add(calendar.Id);
    }
    var tiers = new List<SlaPolicy>();
    foreach (var (name, factor) in new[] { ("Gold", 1), ("Silver", 2), ("Bronze", 4) })
    {
        foreach (var office in offices)
        {
            var policy = SlaPolicy.Define(new SlaPolicyTerms($"{name} {tiers.Count + 1}", office,
                [
                    new PriorityTarget(1, 15 * factor, 240 * factor, 60 * factor, Calendar.TwentyFourSevenId),
                    new PriorityTarget(2, 30 * factor, 480 * factor, 120 * factor, Calendar.TwentyFourSevenId),
                    new PriorityTarget(3, 60 * factor, 960 * factor, null, null),
                    new PriorityTarget(4, 240 * factor, 2400 * factor, null, null),
                ],
                ["waiting-customer", "waiting-vendor"], false, [75, 90], 7 * 24 * 60), now);
            await policies.AddAsync(policy, CancellationToken.None);
            tiers.Add(policy);
        }
    }
    var agreements = new List<Agreement>();
    for (var c = 0; c < options.Customers; c++)
    {
        var customer = Customer.Register($"Customer {c + 1:D4}", [new ExternalRef("seed", $"C{c + 1}")], now);
        await customers.AddAsync(customer, CancellationToken.None);
        var terms = new AgreementTerms(tiers[random.Next(tiers.Count)].Id, $"Managed services {c + 1}", now.AddMonths(-options.Months - 1), null,
            DateOnly.FromDateTime(now.AddDays(random.Next(1, 365)).UtcDateTime), [], new Money(500 + random.Next(0, 20) * 250, "USD"),
            [new CreditRule("response", 1m, 10m), new CreditRule("resolution", 2.5m, 20m)]);
        var agreement = Agreement.Conclude(customer.Id, terms, [], now);
        await agreementRepository.AddAsync(agreement, CancellationToken.None);
        agreements.Add(agreement);
    }
    await unitOfWork.CommitAsync(CancellationToken.None);
    return agreements;
}
