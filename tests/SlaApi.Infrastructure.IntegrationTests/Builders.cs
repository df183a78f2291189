using NodaTime;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Customers;
using SlaApi.Domain.Policies;

namespace SlaApi.Infrastructure.IntegrationTests;

/// <summary>Valid definitions to store, with the parts a test cares about given by name.</summary>
public static class Builders
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static Calendar Calendar(string name = "Office hours", string zone = "Europe/London") =>
        Domain.Calendars.Calendar.Define(
            name,
            zone,
            WeeklySchedule.Create([new(IsoDayOfWeek.Monday, 8 * 60, 17 * 60), new(IsoDayOfWeek.Friday, 22 * 60, 6 * 60)]),
            [new Holiday(new LocalDate(2026, 12, 25), "Christmas Day"), new Holiday(new LocalDate(2026, 12, 26), "Boxing Day")],
            Now);

    public static SlaPolicy Policy(Guid calendarId) => SlaPolicy.Define(
        new SlaPolicyTerms(
            "Gold",
            calendarId,
            [new PriorityTarget(1, 15, 240, 60, Domain.Calendars.Calendar.TwentyFourSevenId), new PriorityTarget(3, 60, 480, null, null)],
            ["waiting-customer", "waiting-vendor"],
            true,
            [50, 75, 90],
            1440),
        Now);

    public static Customer Customer(string name = "Acme", params ExternalRef[] refs) =>
        Domain.Customers.Customer.Register(name, refs, Now);

    public static AgreementTerms Terms(Guid policyId, string[]? services = null, DateTimeOffset? from = null, DateTimeOffset? to = null) => new(
        policyId,
        "Managed workstations",
        from ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        to,
        new DateOnly(2026, 12, 1),
        services ?? ["managed-workstations"],
        new Money(1234.5678m, "EUR"),
        [new CreditRule("resolution", 5m, 25m), new CreditRule("response", 2.5m, 10m)]);
}
