using BenchmarkDotNet.Attributes;
using NodaTime;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Policies;

namespace SlaApi.Benchmarks;

/// <summary>
/// Replaying an incident's whole history, as every event write and every read does: office hours in New York,
/// events spread over the incident's life, a quarter of them status changes into and out of a pause, one in eight a
/// customer's reply. The same history under the three metrics of old (response, resolution, update) and under five
/// (with a resolution plan and next reply).
/// </summary>
[MemoryDiagnoser]
public class SlaReplayBenchmarks
{
    private static readonly Guid OfficeHours = Guid.NewGuid();
    private static readonly Instant Opened = Instant.FromUtc(2026, 3, 2, 14, 0);

    private BoundSla _sla = null!;
    private IncidentHistory _history = null!;
    private Instant _now;

    [Params(10, 100, 1000)]
    public int Events { get; set; }

    [Params(3, 5)]
    public int Metrics { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var calendar = new BusinessCalendar(DateTimeZoneProviders.Tzdb["America/New_York"],
            WeeklySchedule.Create(Enumerable.Range(1, 5).Select(d => new WeeklyInterval((IsoDayOfWeek)d, 8 * 60, 17 * 60))), []);
        var policy = SlaPolicy.Define(new SlaPolicyTerms("Gold", OfficeHours, [Metrics == 5 ? new PriorityTarget(2, 60, 100_000, 240, null, 480, 120) : new PriorityTarget(2, 60, 100_000, 240, null)],
            ["waiting-customer"], false, [50, 75, 90], 10_080), DateTimeOffset.UnixEpoch);
        _sla = new BoundSla(policy, new Dictionary<Guid, BusinessCalendar> { [OfficeHours] = calendar });
        var events = Enumerable.Range(1, Events).Select(i => (i % 4) switch
        {
            1 => new IncidentEvent($"e{i}", IncidentEventType.StatusChanged, Opened + Duration.FromMinutes(i * 30), i, Status: "waiting-customer"),
            2 => new IncidentEvent($"e{i}", IncidentEventType.StatusChanged, Opened + Duration.FromMinutes(i * 30), i, Status: "in-progress"),
            3 => new IncidentEvent($"e{i}", i % 8 == 3 ? IncidentEventType.CustomerReplied : IncidentEventType.Responded, Opened + Duration.FromMinutes(i * 30), i),
            _ => new IncidentEvent($"e{i}", IncidentEventType.Updated, Opened + Duration.FromMinutes(i * 30), i),
        }).ToArray();
        _history = new IncidentHistory(Opened, 2, "new", events);
        _now = Opened + Duration.FromMinutes(Events * 30 + 60);
        SlaReplay.Evaluate(_sla, _history, _now);
    }

    [Benchmark]
    public SlaEvaluation Replay() => SlaReplay.Evaluate(_sla, _history, _now);
}
