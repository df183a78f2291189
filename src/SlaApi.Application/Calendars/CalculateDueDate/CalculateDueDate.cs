using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Common.Validation;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Common;

namespace SlaApi.Application.Calendars.CalculateDueDate;

/// <summary>The instant at which <see cref="Minutes"/> business minutes have passed since <see cref="Start"/>.</summary>
public sealed record CalculateDueDateQuery(Guid CalendarId, DateTimeOffset Start, int Minutes, int? Version) : IQuery<DueDateDto>;

public sealed record DueDateDto(DateTimeOffset DueAt, Guid CalendarId, int CalendarVersion);

public sealed class CalculateDueDateValidator : AbstractValidator<CalculateDueDateQuery>
{
    public CalculateDueDateValidator()
    {
        RuleFor(q => q.Start).SupportedInstant();
        RuleFor(q => q.Minutes).InclusiveBetween(0, RuleBuilderExtensions.MaxMinutes);
        RuleFor(q => q.Version).GreaterThanOrEqualTo(1);
    }
}

public sealed class CalculateDueDateHandler(ICalendarRepository calendars, CalendarVersionCache cache)
    : IQueryHandler<CalculateDueDateQuery, DueDateDto>
{
    public async ValueTask<DueDateDto> Handle(CalculateDueDateQuery query, CancellationToken ct)
    {
        var stored = await calendars.GetAsync(query.CalendarId, query.Version, ct) ?? throw new NotFoundException("Calendar", query.CalendarId);
        var calendar = cache.Intern(stored);
        Instant dueAt;
        try
        {
            dueAt = calendar.ToBusinessCalendar().AddBusinessTime(Instant.FromDateTimeOffset(query.Start), Duration.FromMinutes(query.Minutes));
        }
        catch (OutsideSupportedYearsException e)
        {
            throw new UnprocessableException("minutes", $"This calendar is not open long enough to reach the target: {e.Message}");
        }
        return new DueDateDto(dueAt.ToDateTimeOffset(), calendar.Id, calendar.Version);
    }
}
