using FluentAssertions;
using SlaApi.Domain.Reports;

namespace SlaApi.Domain.UnitTests.Reports;

public sealed class PauseShareTests
{
    [TestCase(40 * 60, 60 * 60, 60.0, TestName = "60 of 100 minutes paused")]
    [TestCase(2, 1, 33.33, TestName = "1 of 3")]
    [TestCase(7, 1, 12.5, TestName = "1 of 8")]
    [TestCase(1999, 1, 0.05, TestName = "1 of 2000 is 0.05 %")]
    [TestCase(100, 0, 0.0, TestName = "never paused")]
    public void Of_IsPausedOfCountedAndPaused_ToTwoDecimals(long counted, long paused, decimal expected) =>
        PauseShare.Of(counted, paused).Should().Be(expected);

    [Test]
    public void Of_IsNull_WhenNoTimeWasMeasured() => PauseShare.Of(0, 0).Should().BeNull();

    [Test]
    public void AFarShare_ScoresByTheMedianAndTheMad_WhichItDoesNotMove()
    {
        var score = ModifiedZScore.Of([8, 10, 11, 12, 60])!;

        (score.Median, score.Scale).Should().Be((11, 1 / 0.6745));
        score.Score(60).Should().BeApproximately(0.6745 * 49, 1e-9);
        new double[] { 8, 10, 11, 12, 60 }.Where(score.IsOutlier).Should().Equal(60);
    }

    [Test]
    public void WhenMostSharesSitOnTheMedian_TheMeanAbsoluteDeviationScales()
    {
        // Deviations 0, 0, 0, 0 and 30: the MAD is 0, the mean absolute deviation 6, the scale 6 × 1.253314.
        var score = ModifiedZScore.Of([10, 10, 10, 10, 40])!;

        score.Scale.Should().BeApproximately(6 * 1.253314, 1e-9);
        score.Score(40).Should().BeApproximately(30 / (6 * 1.253314), 1e-9);
        score.IsOutlier(40).Should().BeTrue("3.99 is above 3.5");
    }

    [Test]
    public void TooFewSharesOrNoSpread_ScoresNobody()
    {
        ModifiedZScore.Of([5, 90]).Should().BeNull();
        ModifiedZScore.Of([20, 20, 20, 20]).Should().BeNull();
    }

    [Test]
    public void AnEvenCount_TakesTheMeanOfTheMiddleTwo() => ModifiedZScore.Of([1, 2, 4, 10])!.Median.Should().Be(3);
}
