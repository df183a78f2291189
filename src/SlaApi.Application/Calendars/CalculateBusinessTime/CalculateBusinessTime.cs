using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Domain.Common;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Common.Validation;

namespace SlaApi.Application.Calendars.CalculateBusinessTime;

/// <summary>Business time of a calendar in [From, To), less the business time inside <see cref="Pauses"/>.</summary>
public sealed record CalculateBusinessTimeQuery(
    Guid CalendarId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<PauseInput>? Pauses, int? Version)
    : IQuery<BusinessTimeDto>;

public sealed record PauseInput(DateTimeOffset From, DateTimeOffset To);

public sealed record BusinessTimeDto(long BusinessSeconds, Guid CalendarId, int CalendarVersion);

public sealed class CalculateBusinessTimeValidator : AbstractValidator<CalculateBusinessTimeQuery>
{
    public const int MaxPauses = 1_000;

    public CalculateBusinessTimeValidator()
    {
        RuleFor(q => q.From).SupportedInstant();
        RuleFor(q => q.To).SupportedInstant().GreaterThanOrEqualTo(q => q.From).WithMessage("'to' must not be before 'from'.")
            .Must((q, to) => to - q.From <= SupportedTime.LongestSpan).WithMessage("'to' may be at most ten years after 'from'.");
        RuleFor(q => q.Version).GreaterThanOrEqualTo(1);
        RuleFor(q => q.Pauses)
            .Must(p => p is null || p.Count <= MaxPauses).WithMessage($"At most {MaxPauses} pauses may be given.")
            .Must(NotOverlap).WithMessage("Pauses must not overlap.");
        RuleForEach(q => q.Pauses).PresentItem().ChildRules(pause =>
        {
            pause.RuleFor(p => p.From).SupportedInstant();
            pause.RuleFor(p => p.To).SupportedInstant().GreaterThan(p => p.From).WithMessage("A pause must end after it starts.");
        });
    }

    private static bool NotOverlap(IReadOnlyList<PauseInput>? pauses)
    {
        if (pauses is null || pauses.Any(p => p is null))
            return true;
        var ordered = pauses.OrderBy(p => p.From).ToArray();
        return ordered.Zip(ordered.Skip(1)).All(pair => pair.First.To <= pair.Second.From);
    }
}

public sealed class CalculateBusinessTimeHandler(ICalendarRepository calendars, CalendarVersionCache cache)
    : IQueryHandler<CalculateBusinessTimeQuery, BusinessTimeDto>
{
    public async ValueTask<BusinessTimeDto> Handle(CalculateBusinessTimeQuery query, CancellationToken ct)
    {
        var stored = await calendars.GetAsync(query.CalendarId, query.Version, ct) ?? throw new NotFoundException("Calendar", query.CalendarId);
        var calendar = cache.Intern(stored);
        var pauses = (query.Pauses ?? [])
            .Select(p => new Interval(Instant.FromDateTimeOffset(p.From), Instant.FromDateTimeOffset(p.To)))
            .OrderBy(p => p.Start)
            .ToArray();
        var businessTime = calendar.ToBusinessCalendar()
            .BusinessTimeBetween(Instant.FromDateTimeOffset(query.From), Instant.FromDateTimeOffset(query.To), pauses);
        return new BusinessTimeDto(businessTime.WholeSeconds(), calendar.Id, calendar.Version);
    }
}
