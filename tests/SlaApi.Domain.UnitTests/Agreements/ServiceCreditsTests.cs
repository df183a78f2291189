using FluentAssertions;
using SlaApi.Domain.Agreements;

namespace SlaApi.Domain.UnitTests.Agreements;

public sealed class ServiceCreditsTests
{
    [Test]
    public void ARule_EarnsItsPercentOfTheFeePerBreach()
    {
        var credits = ServiceCredits.For(Terms(1500m, new CreditRule("resolution", 5m, 25m)), Breaches(resolution: 3));

        credits.Rules.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Breaches = 3L, Percent = 15m, Amount = 225m, CapApplied = false });
        credits.Total.Should().Be(225m);
        credits.TotalCapApplied.Should().BeFalse();
    }

    [Test]
    public void ARule_StopsAtItsCap()
    {
        var credits = ServiceCredits.For(Terms(1000m, new CreditRule("resolution", 10m, 25m)), Breaches(resolution: 4));

        credits.Rules[0].Should().BeEquivalentTo(new { Percent = 25m, Amount = 250m, CapApplied = true });
    }

    [Test]
    public void ARule_CountsOnlyTheBreachesOfItsMetric()
    {
        var credits = ServiceCredits.For(Terms(1000m, new CreditRule("response", 2m, 50m)), Breaches(response: 1, resolution: 9));

        credits.Rules[0].Amount.Should().Be(20m);
    }

    [Test]
    public void AllRulesTogether_NeverExceedTheFee()
    {
        var credits = ServiceCredits.For(
            Terms(800m, new CreditRule("response", 30m, 60m), new CreditRule("resolution", 30m, 60m)), Breaches(response: 2, resolution: 2));

        credits.Rules.Select(r => r.Amount).Should().Equal(480m, 480m);
        credits.Total.Should().Be(800m);
        credits.TotalCapApplied.Should().BeTrue();
    }

    [Test]
    public void Amounts_AreRoundedToCents_HalvesAwayFromZero()
    {
        var credits = ServiceCredits.For(Terms(1500.50m, new CreditRule("resolution", 0.5m, 25m)), Breaches(resolution: 1));

        credits.Rules[0].Amount.Should().Be(7.50m, "0.5 % of 1,500.50 is 7.5025");
        ServiceCredits.For(Terms(1.01m, new CreditRule("resolution", 50m, 100m)), Breaches(resolution: 1)).Total.Should().Be(0.51m, "half of 1.01 is 0.505");
    }

    [Test]
    public void NoRules_OweNothing()
    {
        var credits = ServiceCredits.For(Terms(1000m), Breaches(resolution: 5));

        credits.Rules.Should().BeEmpty();
        credits.Total.Should().Be(0m);
    }

    private static AgreementTerms Terms(decimal fee, params CreditRule[] rules) =>
        new(Guid.NewGuid(), "Gold", DateTimeOffset.UnixEpoch, null, null, [], new Money(fee, "USD"), rules);

    private static Func<string, long> Breaches(long response = 0, long resolution = 0) =>
        metric => metric switch { "response" => response, "resolution" => resolution, _ => 0 };
}
