using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Incidents;

namespace SlaApi.Domain.UnitTests.Incidents;

public sealed class StoredClockTests
{
    private static readonly Instant Due = Instant.FromUtc(2026, 11, 25, 12, 0);
    private static readonly Instant Warning = Due - Duration.FromMinutes(15);

    [Test]
    public void ARunningClock_IsBreachedOnlyAfterItsDueInstant()
    {
        var clock = Clock(ClockState.Running);

        clock.StateAt(Due).Should().Be(ClockState.Running);
        clock.IsBreachedAt(Due).Should().BeFalse();
        clock.StateAt(Due + Duration.Epsilon).Should().Be(ClockState.Breached);
        clock.IsBreachedAt(Due + Duration.Epsilon).Should().BeTrue();
    }

    [TestCase(ClockState.Paused)]
    [TestCase(ClockState.Met)]
    [TestCase(ClockState.Breached)]
    public void AClockThatIsNotRunning_KeepsItsStoredState(ClockState state) =>
        Clock(state).StateAt(Due + Duration.FromDays(30)).Should().Be(state);

    [Test]
    public void ARunningClock_IsAtRiskFromItsWarningInstantUntilItBreaches()
    {
        var clock = Clock(ClockState.Running);

        clock.AtRiskAt(Warning - Duration.Epsilon).Should().BeFalse();
        clock.AtRiskAt(Warning).Should().BeTrue();
        clock.AtRiskAt(Due).Should().BeTrue();
        clock.AtRiskAt(Due + Duration.Epsilon).Should().BeFalse("a breached clock is past risk");
    }

    [Test]
    public void APausedClock_PastItsWarning_IsAtRisk_AndAStoppedOneNever()
    {
        Clock(ClockState.Paused).AtRiskAt(Warning).Should().BeTrue();
        Clock(ClockState.Met).AtRiskAt(Warning).Should().BeFalse();
        (Clock(ClockState.Running) with { WarningAt = null }).AtRiskAt(Due).Should().BeFalse("a policy without thresholds warns of nothing");
    }

    private static StoredClock Clock(ClockState state) =>
        new(ClockMetric.Resolution, state, Due - Duration.FromHours(4), null, 14_400, 600, Due, Warning, null, false);
}
