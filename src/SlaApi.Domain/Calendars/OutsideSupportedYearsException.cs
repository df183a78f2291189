using SlaApi.Domain.Common;

namespace SlaApi.Domain.Calendars;

/// <summary>An answer would lie in a local year the engine does not lay out, such as a due date centuries away on a sparse calendar.</summary>
public sealed class OutsideSupportedYearsException(int localYear) : ArgumentOutOfRangeException(
    nameof(localYear), localYear,
    $"The answer lies outside the years {SupportedTime.FirstCalendarYear} to {SupportedTime.LastCalendarYear} that a calendar covers.");
