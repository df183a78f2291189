using BitFaster.Caching.Lru;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents;

/// <summary>
/// The policy and calendar versions an incident is bound to, ready for replay. Versions never change, so built
/// bindings are kept and shared, least recently used first out: the hot path of event ingestion reads no definition
/// twice. A binding holds its calendars, and with them their year layouts, so the bound is kept small.
/// </summary>
public sealed class BoundSlaCache
{
    public const int Capacity = 256;

    private readonly FastConcurrentLru<string, BoundSla> _bindings = new(Capacity);

    public BoundSla? Find(IncidentBinding binding) => _bindings.TryGet(Key(binding), out var sla) ? sla : null;

    public BoundSla Remember(IncidentBinding binding, BoundSla sla) => _bindings.GetOrAdd(Key(binding), static (_, built) => built, sla);

    private static string Key(IncidentBinding binding) =>
        $"{binding.PolicyId}:{binding.PolicyVersion}:{binding.ResponseTier}|{string.Join(',', binding.CalendarVersions.OrderBy(c => c.Key).Select(c => $"{c.Key}:{c.Value}"))}";
}
