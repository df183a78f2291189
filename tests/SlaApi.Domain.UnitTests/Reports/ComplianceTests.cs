using FluentAssertions;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Reports;

namespace SlaApi.Domain.UnitTests.Reports;

public sealed class ComplianceTests
{
    [TestCase(1, 799, 0.13, TestName = "1 of 800 is 0.125 %: the half goes up")]
    [TestCase(7, 1, 87.5, TestName = "7 of 8")]
    [TestCase(2, 1, 66.67, TestName = "2 of 3")]
    [TestCase(1, 7, 12.5, TestName = "1 of 8")]
    [TestCase(3, 0, 100, TestName = "all met")]
    public void Percent_IsMetOfMetAndBreached_ToTwoDecimals_HalvesAwayFromZero(long met, long breached, decimal expected) =>
        Compliance.Percent(met, breached).Should().Be(expected);

    [Test]
    public void Percent_IsNull_WhenNothingCounted() => Compliance.Percent(0, 0).Should().BeNull();

    [Test]
    public void ACreditMonth_ReadsTheSameCompliance() => new MetricMonth(1, 799).Compliance.Should().Be(Compliance.Percent(1, 799));
}
