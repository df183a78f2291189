using FluentAssertions;
using SlaApi.Domain.Agreements;

namespace SlaApi.Domain.UnitTests.Agreements;

public sealed class CoverageTests
{
    private static readonly DateTimeOffset Opened = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void AnIncidentNamingAService_IsCoveredByTheAgreementListingIt()
    {
        var workstations = Agreement("managed-workstations");
        var servers = Agreement("managed-servers");

        Coverage.Of([workstations, servers], " managed-servers ", Opened).Agreement.Should().BeSameAs(servers);
    }

    [Test]
    public void AnAgreementListingNoService_CoversEveryService()
    {
        var everything = Agreement();

        Coverage.Of([everything], "backup", Opened).Agreement.Should().BeSameAs(everything);
    }

    [Test]
    public void AnIncidentNamingNoService_IsCoveredByTheAgreementCoveringEveryService_OrByTheOnlyOneInTerm()
    {
        var workstations = Agreement("managed-workstations");
        var everything = Agreement();

        Coverage.Of([workstations, everything], null, Opened).Agreement.Should().BeSameAs(everything);
        Coverage.Of([workstations], null, Opened).Agreement.Should().BeSameAs(workstations);
        Coverage.Of([workstations, Agreement("backup")], null, Opened).UnboundReason.Should().Be(
            "The incident names no service and no agreement in force covers every service.");
    }

    [Test]
    public void OnlyAgreementsInTermAtTheOpening_Count_TheirEndExcluded()
    {
        var ended = Agreement(from: Opened.AddYears(-1), to: Opened);
        var future = Agreement(from: Opened.AddTicks(1));

        var coverage = Coverage.Of([ended, future], null, Opened);

        coverage.Agreement.Should().BeNull();
        coverage.UnboundReason.Should().Be("No agreement of the customer was in force when the incident opened.");
        Coverage.Of([Agreement(from: Opened, to: Opened.AddDays(1))], null, Opened).Agreement.Should().NotBeNull("a term starts at its first instant");
    }

    [Test]
    public void AServiceNoAgreementCovers_SaysWhich()
    {
        Coverage.Of([Agreement("managed-workstations")], "backup", Opened).UnboundReason.Should().Be(
            "No agreement in force when the incident opened covers the service 'backup'.");
    }

    private static Agreement Agreement(params string[] services) => Agreement(Opened.AddMonths(-5), null, services);

    private static Agreement Agreement(DateTimeOffset from, DateTimeOffset? to = null, params string[] services) =>
        Domain.Agreements.Agreement.Rehydrate(Guid.NewGuid(), 1, Guid.NewGuid(),
            new AgreementTerms(Guid.NewGuid(), "Gold", from, to, null, services, new Money(1000m, "USD"), []), from);
}
