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
    /// <summary>
    /// Walks the incident a minute at a time up to <paramref name="now"/> (every event lies on a whole minute). Each clock
    /// holds the target of the priority in force while it counted: a priority change re-targets the clocks still
    /// counting and not yet breached, a reopen that resumes a resolution takes the priority in force then, and a clock
    /// started under a priority with no target for its metric has none until a change gives it one.
    /// </summary>
    public (IReadOnlyList<ReferenceOutcome> Outcomes, IReadOnlyList<ReferenceTime> Times, IReadOnlyList<ReferenceBreach> Breaches) Evaluate(DateTimeOffset now)
    {
        var priority = OpenedPriority;
        var excluded = Events.LastOrDefault(e => e.Type is "excluded" or "included")?.Type == "excluded";

        var response = new Clock("response", 1, OpenedAt, Response(priority), priority);
        var resolutions = new List<Clock> { new("resolution", 1, OpenedAt, Resolution(priority), priority) };
        var updates = new List<Clock> { new("update", 1, OpenedAt, Update(priority), priority) };
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
                    case "priority-changed" when e.Priority is { } changed && changed != priority:
                        priority = changed;
                        response.Retarget(Response(priority), priority);
                        resolutions[^1].Retarget(Resolution(priority), priority);
                        updates[^1].Retarget(Update(priority), priority);
                        break;
                    case "responded" or "updated" when resolvedAt is null:
                        if (e.Type == "responded")
                            response.Stop(at);
                        updates[^1].Stop(at);
                        updates.Add(new Clock("update", updates.Count + 1, at, Update(priority), priority));
                        break;
                    case "resolved" when resolvedAt is null:
                        resolvedAt = at;
                        resolutions[^1].Stop(at);
                        response.Stop(at);
                        updates[^1].Stop(at);
                        if (firstResolvedAt is null)
                        {
                            firstResolvedAt = at;
                            firstResolutionMinutes = resolutions[0].Elapsed;
                        }
                        break;
                    case "reopened" when resolvedAt is { } resolved:
                        if ((at - resolved).TotalMinutes <= ReportDataSet.ReopenWindowMinutes)
                        {
                            resolutions[^1].Resume();
                            resolutions[^1].Retarget(Resolution(priority), priority);
                        }
                        else
                        {
                            resolutions.Add(new Clock("resolution", resolutions.Count + 1, at, Resolution(priority), priority));
                        }
                        updates.Add(new Clock("update", updates.Count + 1, at, Update(priority), priority));
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
                updates[^1].Tick(at);
            }
        }
        resolvedMinutes = resolutions.Sum(c => c.Elapsed);

        var clocks = new List<Clock> { response };
        clocks.AddRange(resolutions);
        clocks.AddRange(updates.Where(u => u.Target is not null));
        var outcomes = new List<ReferenceOutcome>();
        var breaches = new List<ReferenceBreach>();
        foreach (var clock in clocks)
        {
            if (clock.BreachedAt is { } breachedAt)
            {
                outcomes.Add(new ReferenceOutcome(CustomerId, clock.Priority, Service, clock.Metric, breachedAt, true, excluded));
                breaches.Add(new ReferenceBreach(ExternalId, clock.Metric, clock.Cycle, breachedAt, (clock.Elapsed - clock.Target!.Value) * 60L));
            }
            else if (clock.StoppedAt is { } stoppedAt)
            {
                outcomes.Add(new ReferenceOutcome(CustomerId, clock.Priority, Service, clock.Metric, stoppedAt, false, excluded));
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

    private static int Response(int priority) => ReportDataSet.Targets[priority].Response;

    private static int Resolution(int priority) => ReportDataSet.Targets[priority].Resolution;

    private static int? Update(int priority) => ReportDataSet.Targets[priority].Update;

    /// <summary>
    /// One clock cycle: counts whole minutes while running; breached in the first minute it runs with its target already
    /// counted, or, when a priority change gives it a target it has counted past, in the minute that target was reached.
    /// </summary>
    private sealed class Clock(string metric, int cycle, DateTimeOffset startedAt, int? target, int priority)
    {
        /// <summary>The minute in which each minute of elapsed time was counted.</summary>
        private readonly List<DateTimeOffset> _counted = [];

        public string Metric => metric;

        public int Cycle => cycle;

        public DateTimeOffset StartedAt => startedAt;

        public int? Target { get; private set; } = target;

        public int Priority { get; private set; } = priority;

        public int Elapsed => _counted.Count;

        public DateTimeOffset? StoppedAt { get; private set; }

        public DateTimeOffset? BreachedAt { get; private set; }

        public void Tick(DateTimeOffset at)
        {
            if (StoppedAt is not null)
                return;
            if (Elapsed >= Target)
                BreachedAt ??= at;
            _counted.Add(at);
        }

        public void Retarget(int? newTarget, int newPriority)
        {
            if (StoppedAt is not null || BreachedAt is not null || newTarget is not { } counted)
                return;
            (Target, Priority) = (counted, newPriority);
            if (Elapsed > counted)
                BreachedAt = _counted[counted];
        }

        public void Stop(DateTimeOffset at) => StoppedAt ??= at;

        public void Resume() => StoppedAt = null;
    }
}
