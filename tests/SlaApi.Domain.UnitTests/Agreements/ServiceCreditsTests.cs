using FluentAssertions;
using SlaApi.Domain.Agreements;

namespace SlaApi.Domain.UnitTests.Agreements;

public sealed class ServiceCreditsTests
{
    [Test]
    public void ARule_EarnsItsPercentOfTheFeePerBreach()
    {
        var credits = For(Terms(1500m, new CreditRule("resolution", 5m, 25m)), Breaches(resolution: 3));

        credits.Rules.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Month = new MetricMonth(0, 3), Percent = 15m, Amount = 225m, CapApplied = false });
        credits.Total.Should().Be(225m);
        credits.TotalCapApplied.Should().BeFalse();
    }

    [Test]
    public void ARule_StopsAtItsCap()
    {
        var credits = For(Terms(1000m, new CreditRule("resolution", 10m, 25m)), Breaches(resolution: 4));

        credits.Rules[0].Should().BeEquivalentTo(new { Percent = 25m, Amount = 250m, CapApplied = true });
    }

    [Test]
    public void ARule_CountsOnlyTheBreachesOfItsMetric()
    {
        var credits = For(Terms(1000m, new CreditRule("response", 2m, 50m)), Breaches(response: 1, resolution: 9));

        credits.Rules[0].Amount.Should().Be(20m);
    }

    [Test]
    public void AllRulesTogether_NeverExceedTheFee()
    {
        var credits = For(
            Terms(800m, new CreditRule("response", 30m, 60m), new CreditRule("resolution", 30m, 60m)), Breaches(response: 2, resolution: 2));

        credits.Rules.Select(r => r.Amount).Should().Equal(480m, 480m);
        credits.Total.Should().Be(800m);
        credits.TotalCapApplied.Should().BeTrue();
    }

    [Test]
    public void Amounts_AreRoundedToCents_HalvesAwayFromZero()
    {
        var credits = For(Terms(1500.50m, new CreditRule("resolution", 0.5m, 25m)), Breaches(resolution: 1));

        credits.Rules[0].Amount.Should().Be(7.50m, "0.5 % of 1,500.50 is 7.5025");
        For(Terms(1.01m, new CreditRule("resolution", 50m, 100m)), Breaches(resolution: 1)).Total.Should().Be(0.51m, "half of 1.01 is 0.505");
    }

    [Test]
    public void NoRules_OweNothing()
    {
        var credits = For(Terms(1000m), Breaches(resolution: 5));

        credits.Rules.Should().BeEmpty();
        credits.Total.Should().Be(0m);
    }

    [Test]
    public void AFixedAmountRule_EarnsItsAmountPerBreach_UpToItsCap()
    {
        var rule = new CreditRule("response", null, null, CreditRule.FixedPerBreach, AmountPerBreach: 75m, CapAmount: 200m);

        For(Terms(1000m, rule), Breaches(response: 2)).Rules[0].Should().BeEquivalentTo(new { Percent = (decimal?)null, Amount = 150m, CapApplied = false });
        For(Terms(1000m, rule), Breaches(response: 3)).Rules[0].Should().BeEquivalentTo(new { Amount = 200m, CapApplied = true });
        For(Terms(1000m, rule with { CapAmount = null }), Breaches(response: 30)).Rules[0].Amount.Should().Be(2250m, "without a cap only the fee limits it");
    }

    [TestCase(100, 0, 0)]
    [TestCase(99, 1, 5, Description = "99.00 % is below 99.5")]
    [TestCase(995, 5, 0, Description = "99.50 % is not below 99.5")]
    [TestCase(97, 3, 10)]
    [TestCase(95, 5, 10, Description = "exactly 95 % is not below 95")]
    [TestCase(94, 6, 20)]
    public void ATieredRule_EarnsTheTierTheMonthsComplianceFallsInto(long met, long breached, decimal expectedPercent)
    {
        var rule = new CreditRule("resolution", null, null, CreditRule.ComplianceTiers,
            Tiers: [new ComplianceTier(99.5m, 5m), new ComplianceTier(98m, 10m), new ComplianceTier(95m, 20m)]);

        var credit = For(Terms(2000m, rule), _ => new MetricMonth(met, breached)).Rules[0];

        credit.Percent.Should().Be(expectedPercent);
        credit.Amount.Should().Be(2000m * expectedPercent / 100m);
    }

    [Test]
    public void ATieredRule_EarnsNothing_WhenNothingCounted() =>
        For(Terms(2000m, new CreditRule("resolution", null, null, CreditRule.ComplianceTiers, Tiers: [new ComplianceTier(99m, 5m)])), _ => MetricMonth.Nothing)
            .Total.Should().Be(0m, "a month with no clock has no compliance to fall below");

    [Test]
    public void TheAgreementsCap_LimitsAllRulesTogether()
    {
        var terms = Terms(1000m, new CreditRule("response", 10m, 50m), new CreditRule("resolution", null, null, CreditRule.FixedPerBreach, AmountPerBreach: 100m))
            with { CreditCapPercent = 15m };

        var credits = For(terms, Breaches(response: 1, resolution: 1));

        credits.Rules.Select(r => r.Amount).Should().Equal(100m, 100m);
        credits.Total.Should().Be(150m, "15 % of the fee caps the 200 earned");
        credits.TotalCapApplied.Should().BeTrue();
    }

    [Test]
    public void ResponseTierSurcharge_RaisesTheChargeCreditsAreSharesOf()
    {
        var terms = Terms(1000m, new CreditRule("response", 10m, 50m));

        terms.MonthlyChargeWith(25m).Should().Be(1250m);
        ServiceCredits.For(terms, terms.MonthlyChargeWith(25m), Breaches(response: 1)).Total.Should().Be(125m);
    }

    [Test]
    public void RulesStoredBeforeKinds_ArePercentagesPerBreach() =>
        new CreditRule("response", 2m, 10m).Kind.Should().Be(CreditRule.PercentPerBreach);

    private static ServiceCredits For(AgreementTerms terms, Func<string, MetricMonth> monthOf) =>
        ServiceCredits.For(terms, terms.MonthlyFee.Amount, monthOf);

    private static AgreementTerms Terms(decimal fee, params CreditRule[] rules) =>
        new(Guid.NewGuid(), "Gold", DateTimeOffset.UnixEpoch, null, null, [], new Money(fee, "USD"), rules);

    private static Func<string, MetricMonth> Breaches(long response = 0, long resolution = 0) =>
        metric => new MetricMonth(0, metric switch { "response" => response, "resolution" => resolution, _ => 0 });
}
