using NodaTime;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Policies;

namespace SlaApi.Domain.Incidents;

/// <summary>
/// Clocks as a pure function of the bound definitions, the event history and now (sla-semantics §3, §5).
/// Events are taken in (occurredAt, arrival) order, so late and out-of-order events give the same answer.
/// </summary>
public static class SlaReplay
{
    /// <param name="sla">Null for an incident no agreement covered: it has no clocks, but its status and resolution still count.</param>
    public static SlaEvaluation Evaluate(BoundSla? sla, IncidentHistory history, Instant now)
    {
        var facts = sla is null
            ? Facts.From([], Duration.FromMinutes(SlaPolicy.DefaultReopenWindowMinutes), history, now)
            : Facts.From(sla.Policy.PauseStatuses, Duration.FromMinutes(sla.Policy.ReopenWindowMinutes), history, now);
        var clocks = new List<SlaClock>(3);
        var outcomes = new List<ClockOutcome>();
        Duration? firstResolution = null, finalResolution = null;
        if (sla?.TargetOf(facts.Priority) is { } target)
        {
            var calendarId = sla.CalendarIdOf(target);
            var calendar = sla.CalendarOf(target);
            var previousTarget = facts.PreviousPriority is { } previous ? sla.TargetOf(previous) : null;

            IReadOnlyList<(Instant Start, Instant? End, string? Status)> responsePauses = sla.Policy.PauseResponse ? facts.StatusPauses : [];
            Track(ClockMetric.Response, [new Cycle(facts.OpenedAt) { Stop = facts.ResponseStop }], _ => responsePauses,
                Duration.FromMinutes(target.ResponseMinutes), previousTarget is null ? null : Duration.FromMinutes(previousTarget.ResponseMinutes));
            Track(ClockMetric.Resolution, facts.ResolutionCycles, cycle => [.. Overlapping(facts.StatusPauses, cycle, now), .. cycle.Gaps],
                Duration.FromMinutes(target.ResolutionMinutes), previousTarget is null ? null : Duration.FromMinutes(previousTarget.ResolutionMinutes));
            if (target.UpdateMinutes is { } updateMinutes)
            {
                Track(ClockMetric.Update, facts.UpdateCycles, cycle => Overlapping(facts.StatusPauses, cycle, now),
                    Duration.FromMinutes(updateMinutes), previousTarget?.UpdateMinutes is { } previousUpdate ? Duration.FromMinutes(previousUpdate) : null);
            }

            if (facts.FirstResolvedAt is { } firstResolvedAt)
                firstResolution = calendar.BusinessTimeBetween(facts.OpenedAt, firstResolvedAt, Normalize(facts.StatusPauses, facts.OpenedAt, firstResolvedAt));
            if (facts.ResolutionCycles[^1].Stop is not null)
                finalResolution = outcomes.Where(o => o.Metric == ClockMetric.Resolution).Aggregate(Duration.Zero, (sum, o) => sum + o.Elapsed!.Value);

            // Earlier cycles have stopped for good: they need only settling. The last one is evaluated in full.
            void Track(ClockMetric metric, IReadOnlyList<Cycle> cycles, Func<Cycle, IReadOnlyList<(Instant Start, Instant? End, string? Status)>> pausesOf,
                Duration targetDuration, Duration? previousTargetDuration)
            {
                for (var i = 0; i < cycles.Count - 1; i++)
                    outcomes.Add(Settle(metric, i + 1, calendar, cycles[i].Start, cycles[i].Stop!.Value, pausesOf(cycles[i]), targetDuration, previousTargetDuration, facts));
                var current = Evaluate(metric, cycles.Count, calendarId, calendar, cycles[^1].Start, cycles[^1].Stop, pausesOf(cycles[^1]),
                    targetDuration, previousTargetDuration, facts, sla.Policy, now);
                clocks.Add(current);
                if (ClockOutcome.Of(current) is { } outcome)
                    outcomes.Add(outcome);
            }
        }

        return new SlaEvaluation(facts.Priority, facts.Status, facts.Excluded, facts.ExclusionReason,
            facts.FirstResolvedAt, facts.ResolutionCycles[^1].Stop, clocks, outcomes, firstResolution, finalResolution);
    }

    private static ClockOutcome Settle(
        ClockMetric metric, int cycle, BusinessCalendar calendar, Instant start, Instant stop,
        IReadOnlyList<(Instant Start, Instant? End, string? Status)> rawPauses, Duration target, Duration? previousTarget, Facts facts)
    {
        var pauses = Normalize(rawPauses, start, stop);
        var elapsed = calendar.BusinessTimeBetween(start, stop, pauses);
        var breachedAt = elapsed > target ? calendar.AddBusinessTime(start, target, pauses) : (Instant?)null;
        return new ClockOutcome(metric, cycle, breachedAt is not null, breachedAt ?? stop, start, stop, target, elapsed,
            IsRetroactive(breachedAt, calendar, start, stop, rawPauses, previousTarget, facts));
    }

    /// <summary>
    /// The status pauses that overlap a cycle, or begin as it ends (a clock paused at this very instant is paused, not
    /// running). They follow one another without overlapping, in order, so two binary searches find them: an incident
    /// with hundreds of update cycles and pauses is not replayed in quadratic time.
    /// </summary>
    private static IReadOnlyList<(Instant Start, Instant? End, string? Status)> Overlapping(
        List<(Instant Start, Instant? End, string? Status)> pauses, Cycle cycle, Instant now)
    {
        var end = cycle.Stop ?? now;
        var first = pauses.BinarySearchFirst(p => p.End is not { } pauseEnd || pauseEnd > cycle.Start);
        var last = pauses.BinarySearchFirst(p => p.Start > end);
        return last > first ? pauses.GetRange(first, last - first) : [];
    }

    /// <summary>
    /// A due or warning instant past the last year a calendar lays out (a ten-year target on a calendar open a minute a
    /// week) lies beyond every instant SlaApi accepts: the clock runs with none, as a paused clock does, and can never
    /// breach while SlaApi is asked about it.
    /// </summary>
    private static Instant? WithinSupportedYears(Func<Instant> instant)
    {
        try
        {
            return instant();
        }
        catch (OutsideSupportedYearsException)
        {
            return null;
        }
    }

    /// <summary>Breached before the priority change that set its target, and within the previous target at that change.</summary>
    private static bool IsRetroactive(
        Instant? breachedAt, BusinessCalendar calendar, Instant start, Instant end,
        IReadOnlyList<(Instant Start, Instant? End, string? Status)> rawPauses, Duration? previousTarget, Facts facts) =>
        breachedAt is { } breach && facts.PriorityChangedAt is { } changedAt && breach < changedAt &&
        (previousTarget is null || calendar.BusinessTimeBetween(start, Min(changedAt, end), Normalize(rawPauses, start, Min(changedAt, end))) <= previousTarget);

    private static SlaClock Evaluate(
        ClockMetric metric, int cycle, Guid calendarId, BusinessCalendar calendar, Instant start, Instant? stop,
        IReadOnlyList<(Instant Start, Instant? End, string? Status)> rawPauses, Duration target, Duration? previousTarget,
        Facts facts, SlaPolicy policy, Instant now)
    {
        var end = stop ?? now;
        var pauses = Normalize(rawPauses, start, end);
        var elapsed = calendar.BusinessTimeBetween(start, end, pauses);
        var breachedAt = elapsed > target ? calendar.AddBusinessTime(start, target, pauses) : (Instant?)null;
        var pausedNow = stop is null && rawPauses.Any(p => p.Start <= now && (p.End is null || p.End > now));

        var state = stop is not null
            ? breachedAt is null ? ClockState.Met : ClockState.Breached
            : breachedAt is not null ? ClockState.Breached
            : pausedNow ? ClockState.Paused
            : ClockState.Running;
        var dueAt = stop is null && !pausedNow ? WithinSupportedYears(() => calendar.AddBusinessTime(start, target, pauses)) : null;
        var settledAt = (stop, breachedAt) switch
        {
            ({ } s, { } b) => s < b ? s : b,
            ({ } s, null) => s,
            (null, { } b) => b,
            _ => (Instant?)null,
        };
        var percent = elapsed.TotalTicks / target.TotalTicks * 100;
        var warning = target * (policy.WarningThresholds.Min() / 100.0);
        var warningAt = elapsed >= warning || (stop is null && !pausedNow) ? WithinSupportedYears(() => calendar.AddBusinessTime(start, warning, pauses)) : null;
        var crossed = policy.WarningThresholds.Where(t => percent >= t).ToArray();
        var retroactive = IsRetroactive(breachedAt, calendar, start, end, rawPauses, previousTarget, facts);

        return new SlaClock(
            metric, cycle, state, calendarId, start, stop, target, elapsed,
            elapsed < target ? target - elapsed : Duration.Zero,
            percent, dueAt, stop is null ? warningAt : null, breachedAt, settledAt,
            AtRisk: state is ClockState.Running or ClockState.Paused && crossed.Length > 0,
            crossed, retroactive, pauses,
            rawPauses.Select(p => new PausePeriod(Max(p.Start, start), Min(p.End ?? end, end), p.Status)).Where(p => p.End > p.Start).ToArray());
    }

    /// <summary>Pauses clipped to [start, end), ordered and merged; an ongoing pause ends at <paramref name="end"/>.</summary>
    private static Interval[] Normalize(IReadOnlyList<(Instant Start, Instant? End, string? Status)> pauses, Instant start, Instant end)
    {
        if (pauses.Count == 0)
            return [];
        var clipped = new List<Interval>(pauses.Count);
        foreach (var pause in pauses)
        {
            var (pauseStart, pauseEnd) = (Max(pause.Start, start), Min(pause.End ?? end, end));
            if (pauseEnd > pauseStart)
                clipped.Add(new Interval(pauseStart, pauseEnd));
        }
        clipped.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = 0;
        for (var i = 0; i < clipped.Count; i++)
        {
            if (merged > 0 && clipped[i].Start <= clipped[merged - 1].End)
                clipped[merged - 1] = new Interval(clipped[merged - 1].Start, Max(clipped[merged - 1].End, clipped[i].End));
            else
                clipped[merged++] = clipped[i];
        }
        return clipped.Take(merged).ToArray();
    }

    /// <summary>The first index whose item satisfies <paramref name="reached"/>, which once true stays true; the count when none does.</summary>
    private static int BinarySearchFirst<T>(this List<T> items, Func<T, bool> reached)
    {
        var (low, high) = (0, items.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (reached(items[middle]))
                high = middle;
            else
                low = middle + 1;
        }
        return low;
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;

    private sealed class Cycle(Instant start)
    {
        public Instant Start { get; } = start;

        public Instant? Stop { get; set; }

        /// <summary>Resolved-to-reopened gaps inside the reopen window: excluded as if paused.</summary>
        public List<(Instant Start, Instant? End, string? Status)> Gaps { get; } = [];
    }

    /// <summary>What the ordered event history says, before any business time is counted.</summary>
    private sealed class Facts
    {
        public Instant OpenedAt { get; private init; }

        public int Priority { get; private set; }

        public int? PreviousPriority { get; private set; }

        public Instant? PriorityChangedAt { get; private set; }

        public string? Status { get; private set; }

        public List<(Instant Start, Instant? End, string? Status)> StatusPauses { get; } = [];

        public Instant? ResponseStop { get; private set; }

        public List<Cycle> ResolutionCycles { get; } = [];

        public List<Cycle> UpdateCycles { get; } = [];

        public Instant? FirstResolvedAt { get; private set; }

        public bool Excluded { get; private set; }

        public string? ExclusionReason { get; private set; }

        public static Facts From(IReadOnlyList<string> pauseStatusList, Duration reopenWindow, IncidentHistory history, Instant now)
        {
            var facts = new Facts { OpenedAt = history.OpenedAt, Priority = history.Priority, Status = history.Status };
            var pauseStatuses = pauseStatusList.ToHashSet(StringComparer.Ordinal);
            Instant? pauseStart = IsPause(history.Status) ? history.OpenedAt : null;
            var pausedStatus = pauseStart is null ? null : history.Status;
            facts.ResolutionCycles.Add(new Cycle(history.OpenedAt));
            facts.UpdateCycles.Add(new Cycle(history.OpenedAt));

            var events = history.Events
                .Where(e => e.OccurredAt <= now)
                .OrderBy(e => e.OccurredAt)
                .ThenBy(e => e.Sequence);
            foreach (var e in events)
            {
                var resolution = facts.ResolutionCycles[^1];
                switch (e.Type)
                {
                    case IncidentEventType.StatusChanged:
                        var nowPaused = IsPause(e.Status);
                        if (pauseStart is { } started && !nowPaused)
                        {
                            facts.StatusPauses.Add((started, e.OccurredAt, pausedStatus));
                            pauseStart = null;
                        }
                        else if (pauseStart is null && nowPaused)
                        {
                            pauseStart = e.OccurredAt;
                            pausedStatus = e.Status;
                        }
                        else if (pauseStart is { } continuing && nowPaused && e.Status != pausedStatus)
                        {
                            facts.StatusPauses.Add((continuing, e.OccurredAt, pausedStatus));
                            pauseStart = e.OccurredAt;
                            pausedStatus = e.Status;
                        }
                        facts.Status = e.Status;
                        break;
                    case IncidentEventType.PriorityChanged when e.Priority is { } priority && priority != facts.Priority:
                        facts.PreviousPriority = facts.Priority;
                        facts.Priority = priority;
                        facts.PriorityChangedAt = e.OccurredAt;
                        break;
                    case IncidentEventType.Responded:
                        facts.ResponseStop ??= e.OccurredAt;
                        facts.RestartUpdateCycle(e.OccurredAt, resolution);
                        break;
                    case IncidentEventType.Updated:
                        facts.RestartUpdateCycle(e.OccurredAt, resolution);
                        break;
                    case IncidentEventType.Resolved when resolution.Stop is null:
                        resolution.Stop = e.OccurredAt;
                        facts.FirstResolvedAt ??= e.OccurredAt;
                        // A resolved incident has been responded to, and owes no further updates.
                        facts.ResponseStop ??= e.OccurredAt;
                        facts.UpdateCycles[^1].Stop ??= e.OccurredAt;
                        break;
                    case IncidentEventType.Reopened when resolution.Stop is { } resolvedAt:
                        if (e.OccurredAt - resolvedAt <= reopenWindow)
                        {
                            resolution.Gaps.Add((resolvedAt, e.OccurredAt, null));
                            resolution.Stop = null;
                        }
                        else
                        {
                            facts.ResolutionCycles.Add(new Cycle(e.OccurredAt));
                        }
                        facts.UpdateCycles.Add(new Cycle(e.OccurredAt));
                        break;
                    case IncidentEventType.Excluded:
                        facts.Excluded = true;
                        facts.ExclusionReason = e.Reason;
                        break;
                    case IncidentEventType.Included:
                        facts.Excluded = false;
                        facts.ExclusionReason = null;
                        break;
                }
            }
            if (pauseStart is { } ongoing)
                facts.StatusPauses.Add((ongoing, null, pausedStatus));
            return facts;

            bool IsPause(string? status) => status is not null && pauseStatuses.Contains(status);
        }

        private void RestartUpdateCycle(Instant at, Cycle resolution)
        {
            if (resolution.Stop is not null)
                return;
            UpdateCycles[^1].Stop ??= at;
            UpdateCycles.Add(new Cycle(at));
        }
    }
}
