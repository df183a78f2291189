using FluentValidation;
using NodaTime;
using SlaApi.Application.Common.Validation;
using SlaApi.Domain.Calendars;

namespace SlaApi.Application.Calendars;

/// <summary>The fields shared by the commands that define and revise a calendar.</summary>
public interface ICalendarDefinition
{
    string Name { get; }

    string TimeZone { get; }

    WeeklyHours Week { get; }

    IReadOnlyList<HolidayEntry>? Holidays { get; }
}

public static class CalendarDefinitionExtensions
{
    public static IEnumerable<Holiday> ToHolidays(this ICalendarDefinition definition) =>
        (definition.Holidays ?? []).Select(h => new Holiday(LocalDate.FromDateOnly(h.Date), h.Name.Trim()));
}

/// <summary>The rules of sla-semantics §2 for a calendar definition, checked before the domain sees it.</summary>
public abstract class CalendarDefinitionValidator<T> : AbstractValidator<T>
    where T : ICalendarDefinition
{
    /// <summary>Four split shifts a day and then some; a week of more only inflates every calendar lay-out.</summary>
    public const int MaxIntervalsPerDay = 12;

    protected CalendarDefinitionValidator()
    {
        RuleFor(c => c.Name).ValidName(Calendar.NameMaxLength);
        RuleFor(c => c.TimeZone).KnownTimeZone();
        RuleFor(c => c.Week).NotNull().DependentRules(() =>
        {
            foreach (var day in new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" })
            {
                RuleFor(c => Hours(c.Week, day)).Must(h => h.Count <= MaxIntervalsPerDay)
                    .WithMessage($"A day may have at most {MaxIntervalsPerDay} opening intervals.").OverridePropertyName($"week.{day}");
                RuleForEach(c => Hours(c.Week, day)).PresentItem().ChildRules(hours =>
                {
                    hours.RuleFor(h => h.Start)
                        .Must(s => WeeklyHours.ParseMinute(s, allowEndOfDay: false) is not null)
                        .WithMessage("'start' must be a local time \"HH:mm\" from 00:00 to 23:59.");
                    hours.RuleFor(h => h.End)
                        .Must(s => WeeklyHours.ParseMinute(s, allowEndOfDay: true) is not null)
                        .WithMessage("'end' must be a local time \"HH:mm\" from 00:00 to 24:00.");
                }).OverridePropertyName($"week.{day}");
            }
            RuleFor(c => c.Week)
                .Must(w => w.TryToIntervals() is not { Count: 0 })
                .WithMessage("A calendar needs at least one open interval in its week.")
                .Must(w => w.TryToIntervals() is not { } intervals || WeeklySchedule.FindOverlap(intervals) is null)
                .WithMessage(w => OverlapMessage(w.Week));
        });
        RuleFor(c => c.Holidays).Must(h => h is null || h.Count <= Calendar.MaxHolidays)
            .WithMessage($"A calendar may list at most {Calendar.MaxHolidays} holidays.")
            .Must(h => h is null || h.Where(x => x is not null).GroupBy(x => x.Date).All(g => g.Count() == 1))
            .WithMessage("A date may be listed as a holiday only once.");
        RuleForEach(c => c.Holidays).PresentItem().ChildRules(holiday =>
        {
            holiday.RuleFor(h => h.Name).ValidName(Calendar.NameMaxLength);
            holiday.RuleFor(h => h.Date).NotEmpty();
        });
    }

    private static IReadOnlyList<OpeningHours> Hours(WeeklyHours week, string day) => day switch
    {
        "monday" => week.Monday ?? [],
        "tuesday" => week.Tuesday ?? [],
        "wednesday" => week.Wednesday ?? [],
        "thursday" => week.Thursday ?? [],
        "friday" => week.Friday ?? [],
        "saturday" => week.Saturday ?? [],
        _ => week.Sunday ?? [],
    };

    private static string OverlapMessage(WeeklyHours week)
    {
        var overlap = week.TryToIntervals() is { } intervals ? WeeklySchedule.FindOverlap(intervals) : null;
        return overlap is var (first, second)
            ? $"The interval {first} overlaps the interval {second}."
            : "Intervals overlap.";
    }
}
