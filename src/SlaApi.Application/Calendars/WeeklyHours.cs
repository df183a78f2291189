using System.Globalization;
using NodaTime;
using SlaApi.Domain.Calendars;

namespace SlaApi.Application.Calendars;

/// <summary>A local opening interval on the wire: "HH:mm" to "HH:mm" (end "24:00" allowed; an end not after the start crosses midnight).</summary>
public sealed record OpeningHours(string Start, string End);

/// <summary>The opening intervals of each weekday; a day that is missing or empty is closed.</summary>
public sealed record WeeklyHours(
    IReadOnlyList<OpeningHours>? Monday,
    IReadOnlyList<OpeningHours>? Tuesday,
    IReadOnlyList<OpeningHours>? Wednesday,
    IReadOnlyList<OpeningHours>? Thursday,
    IReadOnlyList<OpeningHours>? Friday,
    IReadOnlyList<OpeningHours>? Saturday,
    IReadOnlyList<OpeningHours>? Sunday)
{
    public IEnumerable<(IsoDayOfWeek Day, IReadOnlyList<OpeningHours> Hours)> Days()
    {
        yield return (IsoDayOfWeek.Monday, Monday ?? []);
        yield return (IsoDayOfWeek.Tuesday, Tuesday ?? []);
        yield return (IsoDayOfWeek.Wednesday, Wednesday ?? []);
        yield return (IsoDayOfWeek.Thursday, Thursday ?? []);
        yield return (IsoDayOfWeek.Friday, Friday ?? []);
        yield return (IsoDayOfWeek.Saturday, Saturday ?? []);
        yield return (IsoDayOfWeek.Sunday, Sunday ?? []);
    }

    /// <summary>The intervals, or null when any time is not of the form the validator accepts.</summary>
    public IReadOnlyList<WeeklyInterval>? TryToIntervals()
    {
        var intervals = new List<WeeklyInterval>();
        foreach (var (day, hours) in Days())
        {
            foreach (var range in hours)
            {
                if (range is null || ParseMinute(range.Start, allowEndOfDay: false) is not { } start ||
                    ParseMinute(range.End, allowEndOfDay: true) is not { } end)
                    return null;
                intervals.Add(new WeeklyInterval(day, start, end));
            }
        }
        return intervals;
    }

    public WeeklySchedule ToSchedule() =>
        WeeklySchedule.Create(TryToIntervals() ?? throw new InvalidOperationException("The weekly hours were not validated."));

    public static WeeklyHours From(WeeklySchedule schedule)
    {
        IReadOnlyList<OpeningHours> On(IsoDayOfWeek day) => schedule.Intervals
            .Where(i => i.Day == day)
            .Select(i => new OpeningHours(FormatMinute(i.StartMinute), FormatMinute(i.EndMinute)))
            .ToArray();

        return new WeeklyHours(On(IsoDayOfWeek.Monday), On(IsoDayOfWeek.Tuesday), On(IsoDayOfWeek.Wednesday),
            On(IsoDayOfWeek.Thursday), On(IsoDayOfWeek.Friday), On(IsoDayOfWeek.Saturday), On(IsoDayOfWeek.Sunday));
    }

    public static int? ParseMinute(string? text, bool allowEndOfDay)
    {
        if (text is not { Length: 5 } || text[2] != ':' ||
            !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours) ||
            !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
            return null;
        if (allowEndOfDay && hours == 24 && minutes == 0)
            return WeeklyInterval.MinutesPerDay;
        return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
    }

    private static string FormatMinute(int minute) =>
        string.Create(CultureInfo.InvariantCulture, $"{minute / 60:00}:{minute % 60:00}");
}

public sealed record HolidayEntry(DateOnly Date, string Name);
