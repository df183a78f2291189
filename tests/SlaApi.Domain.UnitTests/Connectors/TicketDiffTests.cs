using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Connectors;
using SlaApi.Domain.Incidents;

namespace SlaApi.Domain.UnitTests.Connectors;

public sealed class TicketDiffTests
{
    private static readonly Instant Opened = Instant.FromUtc(2026, 11, 25, 8, 0);

    private static readonly ConnectionMapping Mapping = new(
        new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["1"] = 1, ["2"] = 2, ["3"] = 3 },
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["1"] = "new", ["8"] = "in-progress", ["7"] = "waiting-customer", ["5"] = ConnectionMapping.Resolved, ["12"] = ConnectionMapping.Closed,
        },
        [], "managed-workstations");

    private static TicketSnapshot Snapshot(
        int minute, string? status = null, string? priority = null, Instant? respondedAt = null, bool? resolved = null, long? sequence = null,
        Instant? plannedAt = null) =>
        new("351182", Opened.Plus(Duration.FromMinutes(minute)), sequence, "29684", "VPN down",
            priority is null ? [] : [priority], status is null ? [] : [status], [], null, respondedAt, plannedAt, resolved, null);

    private static TicketState Stored(
        string status = "in-progress", int priority = 2, bool resolved = false, bool responded = false, int minute = 0, bool planned = false) =>
        new(Guid.NewGuid(), "29684", Opened, priority, status, resolved, responded, planned, Opened.Plus(Duration.FromMinutes(minute)), null);

    private static IEnumerable<string> Of(TicketDecision decision) =>
        decision.Events.Select(e => $"{e.Type} {e.Status}{e.Priority} +{(e.OccurredAt - Opened).TotalMinutes}".Replace("  ", " "));

    [Test]
    public void AFirstSnapshot_OpensTheIncident_WithWhatItAlreadyShows()
    {
        var decision = TicketDiff.Decide(ConnectorKind.Autotask, Mapping, null,
            Snapshot(30, "5", "2", respondedAt: Opened.Plus(Duration.FromMinutes(10))) with { OpenedAt = Opened }, Opened);

        decision.Outcome.Should().Be(TicketOutcome.Applied);
        decision.Opening.Should().Be(new TicketOpening("29684", "VPN down", 2, null, Opened));
        Of(decision).Should().Equal("Responded +10", "Resolved +30");
        decision.Next!.Resolved.Should().BeTrue();
    }

    [Test]
    public void AResolutionPlan_IsOneEvent_AtTheToolsOwnTime_AndNeverRepeated()
    {
        var plannedAt = Opened.Plus(Duration.FromMinutes(45));
        var first = TicketDiff.Decide(ConnectorKind.ConnectWise, Mapping, Stored(responded: true), Snapshot(50, plannedAt: plannedAt), Opened);
        Of(first).Should().Equal("Planned +45");
        first.Next!.Planned.Should().BeTrue();

        Of(TicketDiff.Decide(ConnectorKind.ConnectWise, Mapping, first.Next, Snapshot(60, plannedAt: plannedAt), Opened)).Should().BeEmpty();
        Of(TicketDiff.Decide(ConnectorKind.ConnectWise, Mapping, null,
            Snapshot(60, "8", "2", respondedAt: Opened.Plus(Duration.FromMinutes(5)), plannedAt: plannedAt) with { OpenedAt = Opened }, Opened))
            .Should().Equal("Responded +5", "Planned +45");
    }

    [Test]
    public void ANote_IsACustomerReplyOrAnAgentsAnswer_NeverStale_AndChangesNothingKnownOfTheTicket()
    {
        var stored = Stored(minute: 90);
        TicketSnapshot Note(NoteAuthor author, int minute) =>
            Snapshot(minute) with { Note = new TicketNote(author, Opened.Plus(Duration.FromMinutes(minute))) };

        var customer = TicketDiff.Decide(ConnectorKind.ConnectWise, Mapping, stored, Note(NoteAuthor.Customer, 40), Opened);
        Of(customer).Should().Equal("CustomerReplied +40");
        customer.Next.Should().Be(stored, "a note is not a version of the ticket");
        Of(TicketDiff.Decide(ConnectorKind.ConnectWise, Mapping, stored, Note(NoteAuthor.Agent, 50), Opened)).Should().Equal("Responded +50");
        TicketDiff.Decide(ConnectorKind.ConnectWise, Mapping, null, Note(NoteAuthor.Customer, 40), Opened).Outcome.Should().Be(TicketOutcome.Unmapped);
    }

    [Test]
    public void StatusesIntoAndOutOfAPause_AndPriorityChanges_BecomeEvents()
    {
        Of(TicketDiff.Decide(ConnectorKind.Autotask, Mapping, Stored(), Snapshot(60, "7", "1"), Opened))
            .Should().Equal("PriorityChanged 1 +60", "StatusChanged waiting-customer +60");
    }

    [Test]
    public void ResolvedThenReopened_AndAClosedStatus_Resolve()
    {
        Of(TicketDiff.Decide(ConnectorKind.Autotask, Mapping, Stored(), Snapshot(60, "12"), Opened)).Should().Equal("Resolved +60");
        Of(TicketDiff.Decide(ConnectorKind.Autotask, Mapping, Stored(resolved: true), Snapshot(70, "8"), Opened)).Should().Equal("Reopened +70");
        Of(TicketDiff.Decide(ConnectorKind.Autotask, Mapping, Stored(resolved: true), Snapshot(70, "7"), Opened))
            .Should().Equal("Reopened +70", "StatusChanged waiting-customer +70");
    }

    [Test]
    public void AnOlderVersion_IsStale_AndTheSameTimeWithAnEarlierSequenceToo()
    {
        TicketDiff.Decide(ConnectorKind.Autotask, Mapping, Stored(minute: 60), Snapshot(30, "7"), Opened).Outcome.Should().Be(TicketOutcome.Stale);
        TicketDiff.Decide(ConnectorKind.Autotask, Mapping, Stored(minute: 60) with { Sequence = 5 }, Snapshot(60, "7", sequence: 4), Opened)
            .Outcome.Should().Be(TicketOutcome.Stale);
        TicketDiff.Decide(ConnectorKind.Autotask, Mapping, Stored(minute: 60) with { Sequence = 5 }, Snapshot(60, "7", sequence: 6), Opened)
            .Outcome.Should().Be(TicketOutcome.Applied);
    }

    [Test]
    public void APartialDelivery_KeepsWhatItDoesNotCarry()
    {
        var decision = TicketDiff.Decide(ConnectorKind.Autotask, Mapping, Stored(status: "waiting-customer", priority: 3), Snapshot(60), Opened);

        decision.Events.Should().BeEmpty();
        decision.Next.Should().Be(Stored(status: "waiting-customer", priority: 3) with { IncidentId = decision.Next!.IncidentId, ChangedAt = Opened.Plus(Duration.FromMinutes(60)) });
    }

    [Test]
    public void UnmappedValues_AndAMissingCompanyOrPriority_AreRefusedWithTheReason()
    {
        TicketDiff.Decide(ConnectorKind.Autotask, Mapping, Stored(), Snapshot(60, "99"), Opened).Reason.Should().Contain("Status '99'");
        TicketDiff.Decide(ConnectorKind.Autotask, Mapping, Stored(), Snapshot(60, priority: "9"), Opened).Reason.Should().Contain("Priority '9'");
        TicketDiff.Decide(ConnectorKind.Autotask, Mapping, null, Snapshot(0, "1"), Opened).Reason.Should().Contain("no priority");
        TicketDiff.Decide(ConnectorKind.Autotask, Mapping, null, Snapshot(0, "1", "2") with { CompanyId = null }, Opened).Reason.Should().Contain("no company");
    }

    [Test]
    public void AnRmmSeverity_MapsByDefault_AndAResetThenATrigger_Reopen()
    {
        var trigger = new TicketSnapshot("cfg:77", Opened, null, "3", "Disk", ["CRITICAL"], [], [], Opened, null, null, false, null);
        var opened = TicketDiff.Decide(ConnectorKind.NinjaOne, ConnectionMapping.Empty, null, trigger, Opened);
        opened.Opening!.Priority.Should().Be(1);

        var reset = TicketDiff.Decide(ConnectorKind.NinjaOne, ConnectionMapping.Empty, opened.Next, trigger with { ChangedAt = Opened.Plus(Duration.FromMinutes(5)), Resolved = true }, Opened);
        var again = TicketDiff.Decide(ConnectorKind.NinjaOne, ConnectionMapping.Empty, reset.Next, trigger with { ChangedAt = Opened.Plus(Duration.FromMinutes(9)) }, Opened);

        Of(reset).Should().Equal("Resolved +5");
        Of(again).Should().Equal("Reopened +9");
    }

    [Test]
    public void AMappedTeam_AssignsOnceAtItsVersion_AnUnmappedOneKeepsTheAssignment_AndAStaleVersionMovesNothing()
    {
        var (desk, network) = (Guid.NewGuid(), Guid.NewGuid());
        var mapping = Mapping with { Teams = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase) { ["Desk"] = desk, ["29690"] = network } };
        var stored = Stored() with { TeamId = desk };

        var moved = TicketDiff.Decide(ConnectorKind.Autotask, mapping, stored, Snapshot(40) with { TeamKeys = ["29690"] }, Opened);
        var again = TicketDiff.Decide(ConnectorKind.Autotask, mapping, moved.Next, Snapshot(50) with { TeamKeys = ["29690"] }, Opened);
        var unmapped = TicketDiff.Decide(ConnectorKind.Autotask, mapping, moved.Next, Snapshot(60) with { TeamKeys = ["29999"] }, Opened);
        var stale = TicketDiff.Decide(ConnectorKind.Autotask, mapping, unmapped.Next, Snapshot(30) with { TeamKeys = ["Desk"] }, Opened);

        (moved.Events.Single().Type, moved.Events.Single().TeamId, moved.Events.Single().OccurredAt - Opened)
            .Should().Be((IncidentEventType.Assigned, network, Duration.FromMinutes(40)));
        again.Events.Should().BeEmpty();
        (unmapped.Events.Count, unmapped.Next!.TeamId).Should().Be((0, network));
        stale.Outcome.Should().Be(TicketOutcome.Stale);
    }
}
