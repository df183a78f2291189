using NodaTime;
using SlaApi.Application.Incidents;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Incidents;

namespace SlaApi.Seeder;

/// <summary>
/// Incidents spread evenly over [from, to) in the order they opened, as a PSA would have sent them (which also keeps
/// the stores' indexes growing at their ends), customers of unequal size, mostly P3 and P4, with response and
/// resolution times scattered around their targets so that roughly one clock in eight breaches; some pause for the
/// customer, get updates, change priority, reopen (inside and outside the reopen window) or are excluded.
/// </summary>
public sealed class IncidentGenerator(Random random, IReadOnlyList<Agreement> agreements, string prefix, DateTimeOffset from, DateTimeOffset to, int count)
{
    private static readonly string[] Services = ["workstations", "servers", "network", "backup", "email"];
    private static readonly (int Response, int Resolution, int? Update)[] WallMinutes =
        [(15, 240, 60), (30, 480, 120), (150, 2400, null), (600, 6000, null)];

    private readonly Dictionary<Guid, IncidentBinding> _bindings = [];
    private readonly double[] _weights = agreements.Select((_, i) => 1.0 + i % 10).ToArray();
    private readonly double _totalWeight = agreements.Select((_, i) => 1.0 + i % 10).Sum();

    public async Task<Incident> NextAsync(int number, BoundSlaProvider slas)
    {
        var agreement = PickAgreement();
        if (!_bindings.TryGetValue(agreement.Id, out var binding))
        {
            binding = await slas.BindAsync(agreement, agreement.Terms.EffectiveFrom, CancellationToken.None);
            _bindings[agreement.Id] = binding;
        }
        var now = Instant.FromDateTimeOffset(to.AddDays(1));
        var openedAt = from.AddSeconds((number + random.NextDouble()) * (to - from).TotalSeconds / count);
        var priority = random.NextDouble() switch { < 0.05 => 1, < 0.25 => 2, < 0.75 => 3, _ => 4 };
        var incident = Incident.Open("seed", $"{prefix}-{number + 1}", agreement.CustomerId, $"Generated incident {number + 1}", priority,
            Services[random.Next(Services.Length)], "new", Instant.FromDateTimeOffset(openedAt), binding, null, Instant.FromDateTimeOffset(openedAt));

        var (response, resolution, update) = WallMinutes[priority - 1];
        var events = new List<(DateTimeOffset At, IncidentEventType Type, string? Status, int? Priority)>();
        var respondedAt = openedAt.AddMinutes(response * Scatter());
        events.Add((respondedAt, IncidentEventType.Responded, null, null));
        var resolvedAt = openedAt.AddMinutes(resolution * Scatter());
        if (random.NextDouble() < 0.2)
        {
            var pause = respondedAt.AddMinutes(random.Next(5, 120));
            var resume = pause.AddMinutes(random.Next(30, 2000));
            events.Add((pause, IncidentEventType.StatusChanged, "waiting-customer", null));
            events.Add((resume, IncidentEventType.StatusChanged, "in-progress", null));
            resolvedAt = resolvedAt.AddMinutes((resume - pause).TotalMinutes);
        }
        if (update is { } every)
        {
            for (var at = respondedAt.AddMinutes(every * Scatter()); at < resolvedAt; at = at.AddMinutes(every * Scatter()))
                events.Add((at, IncidentEventType.Updated, null, null));
        }
        if (random.NextDouble() < 0.03)
            events.Add((openedAt.AddMinutes(random.Next(1, 60)), IncidentEventType.PriorityChanged, null, Math.Clamp(priority + (random.Next(2) * 2 - 1), 1, 4)));
        events.Add((resolvedAt, IncidentEventType.Resolved, null, null));
        if (random.NextDouble() < 0.04)
        {
            var reopenedAt = resolvedAt.AddHours(random.Next(1, 240));
            events.Add((reopenedAt, IncidentEventType.Reopened, null, null));
            events.Add((reopenedAt.AddMinutes(resolution * Scatter()), IncidentEventType.Resolved, null, null));
        }
        if (random.NextDouble() < 0.015)
            events.Add((openedAt.AddMinutes(random.Next(1, 600)), IncidentEventType.Excluded, null, null));

        foreach (var (e, i) in events.Where(e => e.At < to).OrderBy(e => e.At).Select((e, i) => (e, i)))
        {
            incident.Record($"e{i + 1}", e.Type, Instant.FromDateTimeOffset(e.At), e.Status, e.Priority,
                e.Type == IncidentEventType.Excluded ? "planned-maintenance" : null, now);
        }
        return incident;
    }

    /// <summary>A factor around 0.55 of the target, above 1 about one time in eight.</summary>
    private double Scatter()
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Exp(-0.6 + 0.52 * normal);
    }

    private Agreement PickAgreement()
    {
        var pick = random.NextDouble() * _totalWeight;
        for (var i = 0; i < _weights.Length; i++)
        {
            pick -= _weights[i];
            if (pick < 0)
                return agreements[i];
        }
        return agreements[^1];
    }
}
