namespace SlaApi.Domain.Policies;

/// <summary>The targets of one priority, in business minutes of the policy's calendar unless a calendar is named.</summary>
/// <param name="PlanMinutes">Time to a resolution plan (ConnectWise's "plan within", Autotask's Resolution Plan); null for none.</param>
/// <param name="NextReplyMinutes">Time to answer each customer reply (Zendesk's next reply time); null for none.</param>
public sealed record PriorityTarget(
    int Priority, int ResponseMinutes, int ResolutionMinutes, int? UpdateMinutes, Guid? CalendarId, int? PlanMinutes = null, int? NextReplyMinutes = null)
{
    public const int HighestPriority = 1;
    public const int LowestPriority = 5;
}
