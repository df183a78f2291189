using FluentValidation;
using Mediator;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Common.Validation;

namespace SlaApi.Application.Calendars.ListCalendars;

public sealed record ListCalendarsQuery(PageRequest Page) : IQuery<Page<CalendarDto>>;

public sealed class ListCalendarsValidator : AbstractValidator<ListCalendarsQuery>
{
    public ListCalendarsValidator() => this.ValidPage(q => q.Page);
}

public sealed class ListCalendarsHandler(ICalendarRepository calendars) : IQueryHandler<ListCalendarsQuery, Page<CalendarDto>>
{
    public async ValueTask<Page<CalendarDto>> Handle(ListCalendarsQuery query, CancellationToken ct) =>
        (await calendars.ListAsync(query.Page, ct)).Map(CalendarDto.From);
}
