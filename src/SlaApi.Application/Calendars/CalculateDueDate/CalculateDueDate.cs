using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Common.Validation;

namespace SlaApi.Application.Calendars.CalculateDueDate;

/// <summary>The instant at which <see cref="Minutes"/> business minutes have passed since <see cref="Start"/>.</summary>
public sealed record CalculateDueDateQuery(Guid CalendarId, DateTimeOffset Start, int Minutes, int? Version) : IQuery<DueDateDto>;

public sealed record DueDateDto(DateTimeOffset DueAt, Guid CalendarId, int CalendarVersion);

public sealed class CalculateDueDateValidator : AbstractValidator<CalculateDueDateQuery>
{
    public CalculateDueDateValidator()
    {
        RuleFor(q => q.Start).NotEmpty();
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
        var dueAt = calendar.ToBusinessCalendar().AddBusinessTime(Instant.FromDateTimeOffset(query.Start), Duration.FromMinutes(query.Minutes));
        return new DueDateDto(dueAt.ToDateTimeOffset(), calendar.Id, calendar.Version);
    }
}
