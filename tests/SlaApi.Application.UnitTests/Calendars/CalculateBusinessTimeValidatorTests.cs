using FluentAssertions;
using SlaApi.Application.Calendars.CalculateBusinessTime;

namespace SlaApi.Application.UnitTests.Calendars;

public sealed class CalculateBusinessTimeValidatorTests
{
    private static readonly CalculateBusinessTimeValidator Validator = new();
    private static readonly DateTimeOffset T = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static CalculateBusinessTimeQuery Query(params PauseInput[] pauses) => new(Guid.NewGuid(), T, T.AddDays(2), pauses, null);

    [Test]
    public void Validate_TouchingPausesInAnyOrder_Pass() =>
        Validator.Validate(Query(new PauseInput(T.AddHours(2), T.AddHours(3)), new PauseInput(T.AddHours(1), T.AddHours(2)))).IsValid.Should().BeTrue();

    [Test]
    public void Validate_OverlappingPauses_Fail() =>
        Validator.Validate(Query(new PauseInput(T.AddHours(1), T.AddHours(3)), new PauseInput(T.AddHours(2), T.AddHours(4))))
            .Errors.Select(e => e.PropertyName).Should().Equal("pauses");

    [Test]
    public void Validate_EmptyPause_Fails() =>
        Validator.Validate(Query(new PauseInput(T, T))).Errors.Select(e => e.PropertyName).Should().Equal("pauses[0].to");
}
