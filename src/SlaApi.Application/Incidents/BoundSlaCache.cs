using System.Collections.Concurrent;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents;

/// <summary>
/// The policy and calendar versions an incident is bound to, ready for replay. Versions never change, so built
/// bindings are kept and shared (bounded): the hot path of event ingestion reads no definition twice.
/// </summary>
public sealed class BoundSlaCache
{
    private const int MaxEntries = 5_000;
    private readonly ConcurrentDictionary<string, BoundSla> _bindings = new();

    public BoundSla? Find(IncidentBinding binding) => _bindings.GetValueOrDefault(Key(binding));

    public BoundSla Remember(IncidentBinding binding, BoundSla sla)
    {
        if (_bindings.Count >= MaxEntries)
            _bindings.Clear();
        return _bindings.GetOrAdd(Key(binding), sla);
    }

    private static string Key(IncidentBinding binding) =>
        $"{binding.PolicyId}:{binding.PolicyVersion}|{string.Join(',', binding.CalendarVersions.OrderBy(c => c.Key).Select(c => $"{c.Key}:{c.Value}"))}";
}
