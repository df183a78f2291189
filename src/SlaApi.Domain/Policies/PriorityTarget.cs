namespace SlaApi.Domain.Policies;

/// <summary>The targets of one priority, in business minutes of the policy's calendar unless a calendar is named.</summary>
public sealed record PriorityTarget(int Priority, int ResponseMinutes, int ResolutionMinutes, int? UpdateMinutes, Guid? CalendarId)
{
    public const int HighestPriority = 1;
    public const int LowestPriority = 5;
}
