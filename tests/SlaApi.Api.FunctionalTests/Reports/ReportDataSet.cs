namespace SlaApi.Api.FunctionalTests.Reports;

/// <summary>
/// A fixed, seeded set of incidents on the 24x7 calendar, and what reports must say about it, worked out minute by
/// minute from the events alone: no engine, calendar or report code is called.
/// </summary>
public sealed class ReportDataSet
{
    public const string PauseStatus = "waiting-customer";
    public const int ReopenWindowMinutes = 7 * 24 * 60;

    public static readonly IReadOnlyDictionary<int, (int Response, int Resolution, int? Update)> Targets =
        new Dictionary<int, (int, int, int?)> { [1] = (37, 233, 121), [2] = (61, 487, null) };

    public static readonly DateTimeOffset FirstOpening = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);

    public required IReadOnlyList<ReferenceIncident> Incidents { get; init; }

    public static ReportDataSet Generate(int seed, IReadOnlyList<string> customerIds, int incidentsPerCustomer)
    {
        var random = new Random(seed);
        var incidents = new List<ReferenceIncident>();
        foreach (var (c, customerId) in customerIds.Index())
        {
            for (var i = 0; i < incidentsPerCustomer; i++)
                incidents.Add(Incident(random, customerId, $"C{c}-{i}"));
        }
        return new ReportDataSet { Incidents = incidents };
    }

    private static ReferenceIncident Incident(Random random, string customerId, string externalId)
    {
        var openedAt = FirstOpening.AddMinutes(random.Next(0, 83 * 24 * 60));
        var priority = random.Next(1, 3);
        var events = new List<(int Minute, string Type, string? Status, int? Priority)>();
        var responded = random.Next(5, 90);
        if (random.NextDouble() < 0.85)
            events.Add((responded, "responded", null, null));
        if (random.NextDouble() < 0.35)
        {
            var pause = random.Next(10, 200);
            events.Add((pause, "status-changed", PauseStatus, null));
            events.Add((pause + random.Next(10, 300), "status-changed", "in-progress", null));
        }
        if (random.NextDouble() < 0.5)
            events.Add((random.Next(30, 400), "updated", null, null));
        if (random.NextDouble() < 0.12)
            events.Add((random.Next(20, 300), "priority-changed", null, 3 - priority));
        if (random.NextDouble() < 0.8)
        {
            var resolved = random.Next(60, 900);
            events.Add((resolved, "resolved", null, null));
            if (random.NextDouble() < 0.2)
            {
                var reopened = resolved + random.Next(30, 600);
                events.Add((reopened, "reopened", null, null));
                if (random.NextDouble() < 0.8)
                    events.Add((reopened + random.Next(30, 300), "resolved", null, null));
            }
        }
        if (random.NextDouble() < 0.08)
            events.Add((random.Next(1, 500), "excluded", null, null));
        var ordered = events.OrderBy(e => e.Minute).Select((e, i) => new ReferenceEvent($"e{i}", e.Type, openedAt.AddMinutes(e.Minute), e.Status, e.Priority)).ToArray();
        return new ReferenceIncident(externalId, customerId, random.Next(2) == 0 ? "managed-workstations" : "backup", priority, openedAt, ordered);
    }
}

public sealed record ReferenceEvent(string EventId, string Type, DateTimeOffset OccurredAt, string? Status, int? Priority);

public sealed record ReferenceOutcome(string CustomerId, int Priority, string Service, string Metric, DateTimeOffset SettledAt, bool Breached, bool Excluded);

/// <summary>A time to response or resolution: business (not paused, not between resolution and reopen) and wall-clock seconds.</summary>
public sealed record ReferenceTime(string CustomerId, string Measure, DateTimeOffset EndedAt, long BusinessSeconds, long WallSeconds);

public sealed record ReferenceBreach(string ExternalId, string Metric, int Cycle, DateTimeOffset BreachedAt, long LateSeconds);

public sealed record ReferenceIncident(
    string ExternalId, string CustomerId, string Service, int OpenedPriority, DateTimeOffset OpenedAt, IReadOnlyList<ReferenceEvent> Events)
{
    /// <summary>Walks the incident a minute at a time up to <paramref name="now"/> (every event lies on a whole minute).</summary>
    public (IReadOnlyList<ReferenceOutcome> Outcomes, IReadOnlyList<ReferenceTime> Times, IReadOnlyList<ReferenceBreach> Breaches) Evaluate(DateTimeOffset now)
    {
        var priority = Events.LastOrDefault(e => e.Type == "priority-changed")?.Priority ?? OpenedPriority;
        var excluded = Events.LastOrDefault(e => e.Type is "excluded" or "included")?.Type == "excluded";
        var (responseTarget, resolutionTarget, updateTarget) = ReportDataSet.Targets[priority];

        var response = new Clock("response", 1, OpenedAt, responseTarget);
        var resolutions = new List<Clock> { new("resolution", 1, OpenedAt, resolutionTarget) };
        var updates = updateTarget is { } u ? new List<Clock> { new("update", 1, OpenedAt, u) } : null;
        var paused = false;
        DateTimeOffset? resolvedAt = null, firstResolvedAt = null;
        long resolvedMinutes = 0, firstResolutionMinutes = 0;

        var minutes = (int)(now - OpenedAt).TotalMinutes;
        for (var m = 0; m <= minutes; m++)
        {
            var at = OpenedAt.AddMinutes(m);
            foreach (var e in Events.Where(e => e.OccurredAt == at))
            {
                switch (e.Type)
                {
                    case "status-changed":
                        paused = e.Status == ReportDataSet.PauseStatus;
                        break;
                    case "responded" or "updated" when resolvedAt is null:
                        if (e.Type == "responded")
                            response.Stop(at);
                        if (updates is not null)
                        {
                            updates[^1].Stop(at);
                            updates.Add(new Clock("update", updates.Count + 1, at, updateTarget!.Value));
                        }
                        break;
                    case "resolved" when resolvedAt is null:
                        resolvedAt = at;
                        resolutions[^1].Stop(at);
                        response.Stop(at);
                        updates?[^1].Stop(at);
                        if (firstResolvedAt is null)
                        {
                            firstResolvedAt = at;
                            firstResolutionMinutes = resolutions[0].Elapsed;
                        }
                        break;
                    case "reopened" when resolvedAt is { } resolved:
                        if ((at - resolved).TotalMinutes <= ReportDataSet.ReopenWindowMinutes)
                            resolutions[^1].Resume();
                        else
                            resolutions.Add(new Clock("resolution", resolutions.Count + 1, at, resolutionTarget));
                        updates?.Add(new Clock("update", updates.Count + 1, at, updateTarget!.Value));
                        resolvedAt = null;
                        break;
                }
            }
            if (m == minutes)
                break;
            response.Tick(at);
            if (!paused)
            {
                resolutions[^1].Tick(at);
                updates?[^1].Tick(at);
            }
        }
        resolvedMinutes = resolutions.Sum(c => c.Elapsed);

        var clocks = new List<Clock> { response };
        clocks.AddRange(resolutions);
        clocks.AddRange(updates ?? []);
        var outcomes = new List<ReferenceOutcome>();
        var breaches = new List<ReferenceBreach>();
        foreach (var clock in clocks)
        {
            if (clock.BreachedAt is { } breachedAt)
            {
                outcomes.Add(new ReferenceOutcome(CustomerId, priority, Service, clock.Metric, breachedAt, true, excluded));
                breaches.Add(new ReferenceBreach(ExternalId, clock.Metric, clock.Cycle, breachedAt, (clock.Elapsed - clock.Target) * 60L));
            }
            else if (clock.StoppedAt is { } stoppedAt)
            {
                outcomes.Add(new ReferenceOutcome(CustomerId, priority, Service, clock.Metric, stoppedAt, false, excluded));
            }
        }

        var times = new List<ReferenceTime>();
        if (!excluded)
        {
            if (response.StoppedAt is { } respondedAt)
                times.Add(new ReferenceTime(CustomerId, "response", respondedAt, response.Elapsed * 60L, (long)(respondedAt - OpenedAt).TotalSeconds));
            if (firstResolvedAt is { } first)
                times.Add(new ReferenceTime(CustomerId, "firstResolution", first, firstResolutionMinutes * 60L, (long)(first - OpenedAt).TotalSeconds));
            if (resolvedAt is { } final)
                times.Add(new ReferenceTime(CustomerId, "finalResolution", final, resolvedMinutes * 60L, (long)(final - OpenedAt).TotalSeconds));
        }
        return (outcomes, times, breaches);
    }

    /// <summary>One clock cycle: counts whole minutes while running; breached once it has counted more than its target.</summary>
    private sealed class Clock(string metric, int cycle, DateTimeOffset startedAt, int target)
    {
        public string Metric => metric;

        public int Cycle => cycle;

        public DateTimeOffset StartedAt => startedAt;

        public int Target => target;

        public int Elapsed { get; private set; }

        public DateTimeOffset? StoppedAt { get; private set; }

        public DateTimeOffset? BreachedAt { get; private set; }

        private DateTimeOffset? _reachedAt;

        public void Tick(DateTimeOffset at)
        {
            if (StoppedAt is not null)
                return;
            if (Elapsed == target)
                BreachedAt ??= _reachedAt ?? at;
            Elapsed++;
            if (Elapsed == target)
                _reachedAt = at.AddMinutes(1);
        }

        public void Stop(DateTimeOffset at) => StoppedAt ??= at;

        public void Resume() => StoppedAt = null;
    }
}
