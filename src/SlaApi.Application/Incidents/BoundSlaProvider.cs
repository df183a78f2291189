using SlaApi.Application.Calendars;
using SlaApi.Application.Policies;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Policies;

namespace SlaApi.Application.Incidents;

/// <summary>Turns an incident's binding into the definitions replay needs, and binds new incidents.</summary>
public sealed class BoundSlaProvider(ISlaPolicyRepository policies, ICalendarRepository calendars, CalendarVersionCache calendarCache, BoundSlaCache cache)
{
    public async Task<BoundSla?> GetAsync(IncidentBinding? binding, CancellationToken ct)
    {
        if (binding is null)
            return null;
        if (cache.Find(binding) is { } known)
            return known;

        var policy = await policies.GetAsync(binding.PolicyId, binding.PolicyVersion, ct)
            ?? throw new InvalidOperationException($"Bound policy {binding.PolicyId} v{binding.PolicyVersion} is missing.");
        var bound = new Dictionary<Guid, BusinessCalendar>();
        foreach (var (calendarId, version) in binding.CalendarVersions)
        {
            var calendar = await calendars.GetAsync(calendarId, version, ct)
                ?? throw new InvalidOperationException($"Bound calendar {calendarId} v{version} is missing.");
            bound[calendarId] = calendarCache.Intern(calendar).ToBusinessCalendar();
        }
        return cache.Remember(binding, new BoundSla(policy.ForTier(binding.ResponseTier), bound));
    }

    /// <summary>Binds to the agreement version given and the policy and calendar versions in force at <paramref name="openedAt"/>.</summary>
    public async Task<IncidentBinding> BindAsync(Agreement agreement, DateTimeOffset openedAt, CancellationToken ct)
    {
        var policyId = agreement.Terms.PolicyId;
        var policy = await policies.GetInForceAsync(policyId, openedAt, ct)
            ?? throw new InvalidOperationException($"Policy {policyId} of agreement {agreement.Id} is missing.");
        var calendarVersions = new Dictionary<Guid, int>();
        foreach (var calendarId in policy.ReferencedCalendarIds)
        {
            var calendar = await calendars.GetInForceAsync(calendarId, openedAt, ct)
                ?? throw new InvalidOperationException($"Calendar {calendarId} of policy {policyId} is missing.");
            calendarVersions[calendarId] = calendar.Version;
        }
        var tier = agreement.Terms.ResponseTier is { } name && policy.TierNamed(name) is not null ? name : null;
        return new IncidentBinding(agreement.Id, agreement.Version, policy.Id, policy.Version, calendarVersions, tier);
    }
}
