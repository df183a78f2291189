namespace SlaApi.Domain.Common;

/// <summary>
/// The instants SlaApi accepts from its callers, and how far the engine looks past them: every question it answers
/// then costs a bounded number of laid-out years, whatever instants a caller sends.
/// </summary>
public static class SupportedTime
{
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Exclusive.</summary>
    public static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The longest span a calculation or a report covers: ten years.</summary>
    public static readonly TimeSpan LongestSpan = TimeSpan.FromDays(3_653);

    /// <summary>The first local year a calendar lays out: the earliest instant is still 1969 west of UTC.</summary>
    public const int FirstCalendarYear = 1969;

    /// <summary>The last local year a calendar lays out: a due date past it is beyond what the engine answers.</summary>
    public const int LastCalendarYear = 2300;

    public static bool Contains(DateTimeOffset instant) => instant >= Earliest && instant < Latest;

    /// <summary>A calendar year whose every day lies within the supported instants.</summary>
    public static bool ContainsYear(int year) => year >= Earliest.Year && year < Latest.Year;

    public static string DescribeYears() => $"from {Earliest.Year} to {Latest.Year - 1}";

    public static string Describe() => $"from {Earliest:yyyy-MM-dd'T'HH:mm:ss'Z'} to before {Latest:yyyy-MM-dd'T'HH:mm:ss'Z'}";
}
