using FluentValidation;
using Mediator;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Calendars.GetCalendar;

/// <summary>The given version of a calendar, or its latest when <see cref="Version"/> is null.</summary>
public sealed record GetCalendarQuery(Guid Id, int? Version) : IQuery<CalendarDto>;

public sealed class GetCalendarValidator : AbstractValidator<GetCalendarQuery>
{
    public GetCalendarValidator() => RuleFor(q => q.Version).GreaterThanOrEqualTo(1);
}

public sealed class GetCalendarHandler(ICalendarRepository calendars) : IQueryHandler<GetCalendarQuery, CalendarDto>
{
    public async ValueTask<CalendarDto> Handle(GetCalendarQuery query, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(query.Id, query.Version, ct)
            ?? throw new NotFoundException(query.Version is null ? "Calendar" : $"Version {query.Version} of calendar", query.Id);
        return CalendarDto.From(calendar);
    }
}
