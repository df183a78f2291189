using Mediator;
using SlaApi.Domain.Calendars;

namespace SlaApi.Application.Calendars.DefineCalendar;

public sealed record DefineCalendarCommand(string Name, string TimeZone, WeeklyHours Week, IReadOnlyList<HolidayEntry>? Holidays)
    : ICommand<CalendarDto>, ICalendarDefinition;

public sealed class DefineCalendarValidator : CalendarDefinitionValidator<DefineCalendarCommand>;

public sealed class DefineCalendarHandler(ICalendarRepository calendars, TimeProvider time)
    : ICommandHandler<DefineCalendarCommand, CalendarDto>
{
    public async ValueTask<CalendarDto> Handle(DefineCalendarCommand command, CancellationToken ct)
    {
        var calendar = Calendar.Define(command.Name, command.TimeZone, command.Week.ToSchedule(), command.ToHolidays(), time.GetUtcNow());
        await calendars.AddAsync(calendar, ct);
        return CalendarDto.From(calendar);
    }
}
