using FluentAssertions;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Policies;
using SlaApi.Domain.Teams;

namespace SlaApi.Domain.UnitTests.Teams;

public sealed class EscalationCheckTests
{
    private static readonly SlaPolicy Policy = SlaPolicy.Define(
        new SlaPolicyTerms("P", Calendar.TwentyFourSevenId, [new PriorityTarget(1, 30, 240, null, null), new PriorityTarget(2, 60, 480, null, null)], [], false, [], 60),
        DateTimeOffset.UnixEpoch);

    private static Team TeamOf(string name, params OlaTarget[] targets) =>
        Team.Define(new TeamTerms(name, Calendar.TwentyFourSevenId, null, targets), DateTimeOffset.UnixEpoch);

    [Test]
    public void ATeamWithoutATargetForThePriority_AddsNothing_NorAcknowledgesFirst()
    {
        // P2: the desk has no OLA, so the network's 90-minute acknowledgement is not the first team's; 300 + 200 = 500 > 480.
        var desk = TeamOf("Desk", new OlaTarget(1, 15, 100));
        var network = TeamOf("Network", new OlaTarget(1, 30, 140), new OlaTarget(2, 90, 300));
        var vendor = TeamOf("Vendor", new OlaTarget(2, 60, 200));

        var warnings = EscalationCheck.Of(Policy, [desk, network, vendor]);

        warnings.Select(w => (w.Priority, w.Stage, w.SlaMinutes, w.OlaMinutes)).Should().Equal((2, "resolve", 480, 500));
    }

    [Test]
    public void ExactlyTheTarget_Fits() =>
        EscalationCheck.Of(Policy, [TeamOf("Desk", new OlaTarget(1, 30, 100)), TeamOf("Network", new OlaTarget(1, 30, 140))]).Should().BeEmpty();

    [Test]
    public void NoPath_NoWarnings() => EscalationCheck.Of(Policy, []).Should().BeEmpty();
}
