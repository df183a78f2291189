using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Agreements;

namespace SlaApi.Domain.UnitTests.Agreements;

public sealed class RefreshAdviceTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 12, 0);
    private static readonly AdviceThresholds Thresholds = new(95m, 50m, 60);

    [Test]
    public void AMonthBelowTheThreshold_OrFallingEveryMonth_IsStruggling()
    {
        Codes(Record(Month(8, 20, 0), Month(9, 19, 1), Month(10, 9, 1))).Should().Equal(RefreshAdvice.Struggling);
        Codes(Record(Month(8, 100, 0), Month(9, 99, 1), Month(10, 98, 2))).Should().Equal(RefreshAdvice.Struggling);
        Codes(Record(Month(8, 98, 2), Month(9, 99, 1), Month(10, 98, 2))).Should().BeEmpty("98 % is above 95 % and did not fall every month");
    }

    [Test]
    public void TwoDisputesInTheLastMonth_MoreThanBefore_AreRising()
    {
        Codes(Record(Month(8, 10, 0, disputes: 1), Month(9, 10, 0, disputes: 0), Month(10, 10, 0, disputes: 2)))
            .Should().Contain(RefreshAdvice.DisputesRising);
        Codes(Record(Month(8, 10, 0, disputes: 2), Month(9, 10, 0), Month(10, 10, 0, disputes: 2))).Should().NotContain(RefreshAdvice.DisputesRising);
        Codes(Record(Month(9, 10, 0), Month(10, 10, 0, disputes: 1))).Should().NotContain(RefreshAdvice.DisputesRising, "one dispute is no trend");
    }

    [Test]
    public void EveryMonthMetWithALargeMargin_IsOverDelivering()
    {
        var months = new[] { Month(8, 10, 0), Month(9, 10, 0), Month(10, 10, 0) };

        Codes(Record(months) with { MeanPercentOfTarget = 40m }).Should().Equal(RefreshAdvice.OverDelivering);
        Codes(Record(months) with { MeanPercentOfTarget = 60m }).Should().BeEmpty();
        Codes(Record(Month(8, 10, 0), Month(9, 0, 0), Month(10, 10, 0)) with { MeanPercentOfTarget = 10m }).Should().BeEmpty("a month without clocks proves nothing");
    }

    [Test]
    public void ServicesNoAgreementCovered_AreNewOnlyWhereThisOneDoesNotListThem()
    {
        var record = Record(Month(10, 10, 0)) with { UnboundServices = new Dictionary<string, long> { ["cloud-backup"] = 3, ["managed-workstations"] = 1 } };

        RefreshAdvice.Uncovered(Terms(), record).Select(s => (s.Key, s.Value)).Should().Equal([("cloud-backup", 3L)]);
        Codes(record, Terms() with { CoveredServices = [] }).Should().BeEmpty("an agreement covering every service has no new one");
    }

    [Test]
    public void ATermEndOrRenewalWithinTheDays_IsTermEnding()
    {
        Codes(Record(), Terms() with { EffectiveTo = new DateTimeOffset(2027, 1, 10, 0, 0, 0, TimeSpan.Zero) }).Should().Equal(RefreshAdvice.TermEnding);
        Codes(Record(), Terms() with { RenewalDate = new DateOnly(2027, 1, 24) }).Should().Equal(RefreshAdvice.TermEnding);
        Codes(Record(), Terms() with { RenewalDate = new DateOnly(2027, 1, 25) }).Should().BeEmpty("61 days away");
    }

    private static string[] Codes(AgreementRecord record, AgreementTerms? terms = null) =>
        RefreshAdvice.For(Agreement.Rehydrate(Guid.NewGuid(), 1, Guid.NewGuid(), terms ?? Terms(), DateTimeOffset.UnixEpoch), record, Thresholds, [], Now)
            .Select(r => r.Code).ToArray();

    private static AgreementTerms Terms() =>
        new(Guid.NewGuid(), "Gold", DateTimeOffset.UnixEpoch, null, null, ["managed-workstations"], new Money(1000m, "USD"), []);

    private static AgreementRecord Record(params AgreementMonth[] months) => new(months, new Dictionary<string, long>(), null, 0);

    private static AgreementMonth Month(int month, long met, long breached, long disputes = 0) => new(new YearMonth(2026, month), met, breached, disputes);
}
