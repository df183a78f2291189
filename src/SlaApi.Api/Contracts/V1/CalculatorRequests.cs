using SlaApi.Application.Calendars.CalculateBusinessTime;
using SlaApi.Application.Calendars.CalculateDueDate;

namespace SlaApi.Api.Contracts.V1;

/// <summary>When is a target of <paramref name="Minutes"/> business minutes due if it starts at <paramref name="Start"/>?</summary>
/// <param name="Start">RFC 3339 instant with offset.</param>
/// <param name="Minutes">Business minutes, 0 to 5,256,000.</param>
/// <param name="Version">Calendar version to use; the latest when absent.</param>
public sealed record DueDateRequest(DateTimeOffset Start, int Minutes, int? Version)
{
    public CalculateDueDateQuery ToQuery(Guid calendarId) => new(calendarId, Start, Minutes, Version);
}

/// <summary>How much business time lies in [<paramref name="From"/>, <paramref name="To"/>), less what falls inside the pauses?</summary>
/// <param name="From">RFC 3339 instant with offset.</param>
/// <param name="To">RFC 3339 instant with offset, not before From.</param>
/// <param name="Pauses">Intervals that do not count; they must not overlap.</param>
/// <param name="Version">Calendar version to use; the latest when absent.</param>
public sealed record BusinessTimeRequest(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<PauseInput>? Pauses, int? Version)
{
    public CalculateBusinessTimeQuery ToQuery(Guid calendarId) => new(calendarId, From, To, Pauses, Version);
}
