using FluentValidation;
using Mediator;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Calendars.ReviseCalendar;

public sealed record ReviseCalendarCommand(
    Guid Id, int ExpectedVersion, string Name, string TimeZone, WeeklyHours Week, IReadOnlyList<HolidayEntry>? Holidays)
    : ICommand<CalendarDto>, ICalendarDefinition;

public sealed class ReviseCalendarValidator : CalendarDefinitionValidator<ReviseCalendarCommand>
{
    public ReviseCalendarValidator() => RuleFor(c => c.ExpectedVersion).GreaterThanOrEqualTo(1).OverridePropertyName("If-Match");
}

public sealed class ReviseCalendarHandler(ICalendarRepository calendars, TimeProvider time)
    : ICommandHandler<ReviseCalendarCommand, CalendarDto>
{
    public async ValueTask<CalendarDto> Handle(ReviseCalendarCommand command, CancellationToken ct)
    {
        var current = await calendars.GetAsync(command.Id, null, ct) ?? throw new NotFoundException("Calendar", command.Id);
        if (current.Version != command.ExpectedVersion)
            throw new PreconditionFailedException("Calendar", command.Id, command.ExpectedVersion, current.Version);

        var revised = current.Revise(command.Name, command.TimeZone, command.Week.ToSchedule(), command.ToHolidays(), time.GetUtcNow());
        if (!await calendars.AddVersionAsync(revised, ct))
            throw new PreconditionFailedException("Calendar", command.Id, command.ExpectedVersion, revised.Version);
        return CalendarDto.From(revised);
    }
}
