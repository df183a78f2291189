using NodaTime;

namespace SlaApi.Domain.Calendars;

/// <summary>
/// A local opening interval that starts on <see cref="Day"/>. Minutes count from local midnight;
/// <see cref="EndMinute"/> may be 1440 (24:00). An end that is not after the start crosses midnight.
/// </summary>
public readonly record struct WeeklyInterval
{
    public const int MinutesPerDay = 1440;

    public WeeklyInterval(IsoDayOfWeek day, int startMinute, int endMinute)
    {
        if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            throw new ArgumentOutOfRangeException(nameof(day), day, "A weekday is required.");
        ArgumentOutOfRangeException.ThrowIfNegative(startMinute);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(startMinute, MinutesPerDay);
        ArgumentOutOfRangeException.ThrowIfNegative(endMinute);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(endMinute, MinutesPerDay);
        Day = day;
        StartMinute = startMinute;
        EndMinute = endMinute;
    }

    public IsoDayOfWeek Day { get; }

    public int StartMinute { get; }

    public int EndMinute { get; }

    public bool CrossesMidnight => EndMinute <= StartMinute;

    public int LengthMinutes => CrossesMidnight ? MinutesPerDay - StartMinute + EndMinute : EndMinute - StartMinute;

    public override string ToString() => $"{Day} {Format(StartMinute)}-{Format(EndMinute)}";

    private static string Format(int minute) => $"{minute / 60:00}:{minute % 60:00}";

    /// <summary>Start and end as minutes from Monday 00:00; the end may pass the end of the week.</summary>
    internal (int Start, int End) WeekMinutes()
    {
        var start = ((int)Day - 1) * MinutesPerDay + StartMinute;
        return (start, start + LengthMinutes);
    }
}
