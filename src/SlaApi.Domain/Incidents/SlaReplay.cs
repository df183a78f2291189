using NodaTime;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Policies;
using RawPause = (NodaTime.Instant Start, NodaTime.Instant? End, string? Status, string? Reason);

namespace SlaApi.Domain.Incidents;

/// <summary>
/// Clocks as a pure function of the bound definitions, the event history and now (sla-semantics §3, §5).
/// Events are taken in (occurredAt, arrival) order, so late and out-of-order events give the same answer.
/// </summary>
public static partial class SlaReplay
{
    /// <param name="sla">Null for an incident no agreement covered: it has no clocks, but its status and resolution still count.</param>
    public static SlaEvaluation Evaluate(BoundSla? sla, IncidentHistory history, Instant now)
    {
        var facts = sla is null
            ? Facts.From([], Duration.FromMinutes(SlaPolicy.DefaultReopenWindowMinutes), history, now)
            : Facts.From(sla.Policy.PauseStatuses, Duration.FromMinutes(sla.Policy.ReopenWindowMinutes), history, now);
        var clocks = new List<SlaClock>(5);
        var cycles = new List<ClockCycle>(facts.ResolutionCycles.Count + facts.UpdateCycles.Count + facts.NextReplyCycles.Count + 2);
        Duration? firstResolution = null, finalResolution = null;
        if (sla is not null)
        {
            IReadOnlyList<RawPause> responsePauses = sla.Policy.PauseResponse ? facts.StatusPauses : [];
            Track(ClockMetric.Response, [facts.ResponseCycle], _ => responsePauses);
            Track(ClockMetric.Plan, [facts.PlanCycle], cycle => Overlapping(facts.StatusPauses, cycle, now));
            var firstResolutionCycle = cycles.Count;
            Track(ClockMetric.Resolution, facts.ResolutionCycles, cycle => [.. Overlapping(facts.StatusPauses, cycle, now), .. cycle.Gaps]);
            var resolutionCycles = cycles.Skip(firstResolutionCycle).ToArray();
            Track(ClockMetric.Update, facts.UpdateCycles, cycle => Overlapping(facts.StatusPauses, cycle, now));
            Track(ClockMetric.NextReply, facts.NextReplyCycles, cycle => sla.Policy.PauseResponse ? Overlapping(facts.StatusPauses, cycle, now) : []);

            if (facts.FirstResolvedAt is { } firstResolvedAt && resolutionCycles.FirstOrDefault() is { } judged)
            {
                var calendar = sla.Calendar(judged.CalendarId);
                firstResolution = calendar.BusinessTimeBetween(facts.OpenedAt, firstResolvedAt,
                    new CyclePauses(facts.StatusPauses, facts.OpenedAt, firstResolvedAt, sla.Policy.MaxPauseMinutes).On(calendar));
            }
            if (facts.ResolutionCycles[^1].Stop is not null && resolutionCycles.Length > 0)
                finalResolution = resolutionCycles.Aggregate(Duration.Zero, (sum, c) => sum + c.Elapsed);

            // Every cycle is judged by the same rule; only the current one is also read for its thresholds and pauses.
            void Track(ClockMetric metric, IReadOnlyList<Cycle> metricCycles, Func<Cycle, IReadOnlyList<RawPause>> pausesOf)
            {
                Func<int, Held?> heldOf = priority => HeldOf(sla, metric, priority);
                for (var i = 0; i < metricCycles.Count; i++)
                {
                    var current = i == metricCycles.Count - 1;
                    if (Judge(metricCycles[i], pausesOf(metricCycles[i]), heldOf, sla.Policy.MaxPauseMinutes, now) is not { } judged)
                        continue;
                    var cycle = judged.Verdict.Of(metric, i + 1, judged.Verdict.StoppedAt is null ? null : TallyOf(judged, sla.Policy.MaxPauseMinutes));
                    cycles.Add(cycle);
                    if (current)
                        clocks.Add(ClockOf(cycle, judged, sla.Policy, now));
                }
            }
        }

        var outcomes = new List<ClockOutcome>(cycles.Count);
        foreach (var cycle in cycles)
        {
            if (ClockOutcome.Of(cycle) is { } outcome)
                outcomes.Add(outcome);
        }
        return new SlaEvaluation(facts.Priority, facts.Status, facts.Excluded, facts.ExclusionReason,
            facts.FirstResolvedAt, facts.ResolutionCycles[^1].Stop, clocks, cycles, outcomes, firstResolution, finalResolution);
    }

    /// <summary>
    /// Judges one cycle (sla-semantics §3). It starts with the target of the priority in force at its start; each priority
    /// change while it counts gives it the new priority's target from its original start, unless it had already breached:
    /// a breach, like a stop, is final. A change to a priority with no target for the metric leaves the target as it was.
    /// The cycle is met when it stops at or before its due instant and breached once it runs or stops after it.
    /// </summary>
    private static Judged? Judge(Cycle cycle, IReadOnlyList<RawPause> rawPauses, Func<int, Held?> heldOf, int? capMinutes, Instant now)
    {
        var end = cycle.Stop ?? now;
        var pauses = new CyclePauses(rawPauses, cycle.Start, end, capMinutes);
        if (cycle.Stop is { } stop && cycle.Changes is null && MetSingleTarget(cycle, stop, pauses, heldOf) is { } met)
            return new Judged(met.Verdict, met.Calendar, pauses.On(met.Calendar), rawPauses, PausedNow: false);
        Held? held = null;
        Instant? breachedAt = null;
        var retroactive = false;
        foreach (var (changedAt, priority) in cycle.Priorities)
        {
            if (heldOf(priority) is not { } after)
                continue;
            if (held is { } before && ClockRules.DueInstant(before.Calendar, cycle.Start, before.Target, pauses.On(before.Calendar)) is { } dueBefore
                && dueBefore < changedAt)
            {
                breachedAt = dueBefore;
                break;
            }
            held = after;
            if (ClockRules.DueInstant(after.Calendar, cycle.Start, after.Target, pauses.On(after.Calendar)) is { } dueAfter && dueAfter < changedAt)
            {
                breachedAt = dueAfter;
                retroactive = true;
                break;
            }
        }
        if (held is not { } judgedBy)
            return null;

        var counted = pauses.On(judgedBy.Calendar);
        var due = breachedAt ?? ClockRules.DueInstant(judgedBy.Calendar, cycle.Start, judgedBy.Target, counted);
        if (breachedAt is null && due < end)
            breachedAt = due;
        var pausedNow = cycle.Stop is null && !pauses.CapReachedOn(judgedBy.Calendar)
            && rawPauses.Any(p => p.Start <= now && (p.End is null || p.End > now));
        var state = cycle.Stop is not null
            ? breachedAt is null ? ClockState.Met : ClockState.Breached
            : breachedAt is not null ? ClockState.Breached
            : pausedNow ? ClockState.Paused
            : ClockState.Running;
        var elapsed = judgedBy.Calendar.BusinessTimeBetween(cycle.Start, end, counted);
        return new Judged(
            new ClockVerdict(judgedBy.Priority, state, judgedBy.CalendarId, cycle.Start, cycle.Stop, judgedBy.Target, elapsed,
                state == ClockState.Paused ? null : due, breachedAt, retroactive),
            judgedBy.Calendar, counted, rawPauses, pausedNow);
    }

    /// <summary>
    /// A stopped cycle that held one target and counted less than it is met, and due when the rest of its target would
    /// have run from its stop: the common case, judged without searching the calendar through its pauses.
    /// </summary>
    private static (ClockVerdict Verdict, BusinessCalendar Calendar)? MetSingleTarget(Cycle cycle, Instant stop, CyclePauses pauses, Func<int, Held?> heldOf)
    {
        if (heldOf(cycle.InitialPriority) is not { } held)
            return null;
        var (_, duration, calendarId, calendar) = held;
        var elapsed = calendar.BusinessTimeBetween(cycle.Start, stop, pauses.On(calendar));
        if (elapsed >= duration)
            return null;
        Instant? due;
        try
        {
            due = calendar.AddBusinessTime(stop, duration - elapsed);
        }
        catch (OutsideSupportedYearsException)
        {
            due = null;
        }
        return (new ClockVerdict(cycle.InitialPriority, ClockState.Met, calendarId, cycle.Start, stop, duration, elapsed, due, null, false), calendar);
    }

    /// <summary>The target a cycle of <paramref name="metric"/> at <paramref name="priority"/> is held to, and its calendar; null for none.</summary>
    private static Held? HeldOf(BoundSla sla, ClockMetric metric, int priority)
    {
        if (sla.TargetOf(priority) is not { } target)
            return null;
        int? minutes = metric switch
        {
            ClockMetric.Response => target.ResponseMinutes,
            ClockMetric.Resolution => target.ResolutionMinutes,
            ClockMetric.Plan => target.PlanMinutes,
            ClockMetric.NextReply => target.NextReplyMinutes,
            _ => target.UpdateMinutes,
        };
        if (minutes is not { } held)
            return null;
        var calendarId = sla.CalendarIdOf(target);
        return new Held(priority, Duration.FromMinutes(held), calendarId, sla.Calendar(calendarId));
    }

    /// <summary>The current cycle of a metric as a clock: its judgement, and the thresholds and pauses it has reached.</summary>
    private static SlaClock ClockOf(ClockCycle cycle, Judged judged, SlaPolicy policy, Instant now)
    {
        var (_, calendar, pauses, rawPauses, pausedNow) = judged;
        var end = cycle.StoppedAt ?? now;
        var crossed = new List<int>(policy.WarningThresholds.Count);
        foreach (var threshold in policy.WarningThresholds)
        {
            if (IsCrossed(cycle, calendar, pauses, threshold, now))
                crossed.Add(threshold);
        }
        var lowest = policy.WarningThresholds.Min();
        var counting = cycle.StoppedAt is null && !pausedNow;
        var warningAt = cycle.StoppedAt is null && (counting || crossed.Contains(lowest))
            ? ClockRules.ThresholdReachedAt(calendar, cycle.StartedAt, cycle.Target, lowest, pauses)
            : null;
        var percent = cycle.Elapsed.TotalTicks / cycle.Target.TotalTicks * 100;
        return new SlaClock(
            cycle.Metric, cycle.Cycle, cycle.State, cycle.CalendarId, cycle.StartedAt, cycle.StoppedAt, cycle.Target, cycle.Elapsed,
            cycle.Elapsed < cycle.Target ? cycle.Target - cycle.Elapsed : Duration.Zero,
            percent, counting ? cycle.DueAt : null, warningAt, cycle.BreachedAt, cycle.SettledAt,
            AtRisk: cycle.State is ClockState.Running or ClockState.Paused && crossed.Count > 0,
            crossed, cycle.Retroactive, pauses, PausePeriods(rawPauses, pauses, cycle.StartedAt, end, capped: policy.MaxPauseMinutes is not null));
    }

    /// <summary>What a stopped cycle spent paused per reason; without a cap straight from its status pauses, clipped to the cycle.</summary>
    private static PauseTally TallyOf(Judged judged, int? capMinutes)
    {
        var (raw, start, stop) = (judged.RawPauses, judged.Verdict.StartedAt, judged.Verdict.StoppedAt!.Value);
        if (raw.Count == 0)
            return PauseTally.None;
        if (capMinutes is not null)
            return PauseTally.Of(PausePeriods(raw, judged.Pauses, start, stop, capped: true), judged.Calendar);
        var sum = new PauseTally.Sum();
        foreach (var pause in raw)
        {
            var (from, to) = (Max(pause.Start, start), Min(pause.End ?? stop, stop));
            if (pause.Status is not null && to > from)
                sum.Add(pause.Reason, judged.Calendar.BusinessTimeBetween(from, to));
        }
        return sum.ToTally();
    }

    /// <summary>
    /// Each pause with its cause, within the cycle. Under a pause cap only the part that did not count: what the cap gave back
    /// to the clock is running time, on the timeline as in the elapsed time.
    /// </summary>
    private static PausePeriod[] PausePeriods(
        IReadOnlyList<RawPause> raw, Interval[] counted, Instant start, Instant end, bool capped)
    {
        var periods = new List<PausePeriod>(raw.Count);
        foreach (var pause in raw)
        {
            var (from, to) = (Max(pause.Start, start), Min(pause.End ?? end, end));
            if (!capped)
            {
                if (to > from)
                    periods.Add(new PausePeriod(from, to, pause.Status, pause.Reason));
                continue;
            }
            foreach (var interval in counted)
            {
                var (pieceFrom, pieceTo) = (Max(from, interval.Start), Min(to, interval.End));
                if (pieceTo > pieceFrom)
                    periods.Add(new PausePeriod(pieceFrom, pieceTo, pause.Status, pause.Reason));
            }
        }
        return periods.ToArray();
    }

    /// <summary>
    /// Whether a threshold counts as crossed (sla-semantics §7). Elapsed time a second or more away from the threshold's
    /// portion decides it without a search of the calendar; only a threshold reached within a second of the clock's end
    /// needs its exact, rounded instant.
    /// </summary>
    private static bool IsCrossed(ClockCycle cycle, BusinessCalendar calendar, Interval[] pauses, int threshold, Instant now)
    {
        var portion = ClockRules.Portion(cycle.Target, threshold);
        if (cycle.Elapsed >= portion + Duration.FromSeconds(1))
            return true;
        if (cycle.Elapsed + Duration.FromSeconds(1) <= portion)
            return false;
        return ClockRules.IsCrossed(ClockRules.ThresholdReachedAt(calendar, cycle.StartedAt, cycle.Target, threshold, pauses), cycle.StoppedAt, now);
    }

    /// <summary>
    /// The status pauses that overlap a cycle, or begin as it ends (a clock paused at this very instant is paused, not
    /// running). They follow one another without overlapping, in order, so two binary searches find them: an incident
    /// with hundreds of update cycles and pauses is not replayed in quadratic time.
    /// </summary>
    private static IReadOnlyList<RawPause> Overlapping(
        List<RawPause> pauses, Cycle cycle, Instant now)
    {
        var end = cycle.Stop ?? now;
        var first = pauses.BinarySearchFirst(p => p.End is not { } pauseEnd || pauseEnd > cycle.Start);
        var last = pauses.BinarySearchFirst(p => p.Start > end);
        return last > first ? pauses.GetRange(first, last - first) : [];
    }

    /// <summary>Pauses clipped to [start, end), ordered and merged; an ongoing pause ends at <paramref name="end"/>.</summary>
    private static Interval[] Normalize(IReadOnlyList<RawPause> pauses, Instant start, Instant end)
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

    private sealed class Cycle(Instant start, int priority)
    {
        public Instant Start { get; } = start;

        public Instant? Stop { get; set; }

        public int InitialPriority { get; } = priority;

        /// <summary>Each priority it changed to while it counted (at a reopen that resumed it, the one in force then); null for none.</summary>
        public List<(Instant At, int Priority)>? Changes { get; private set; }

        /// <summary>The priority in force at the start, then each change: the targets the cycle is judged by, in order.</summary>
        public IEnumerable<(Instant At, int Priority)> Priorities => Changes is null ? [(Start, InitialPriority)] : Changes.Prepend((Start, InitialPriority));

        /// <summary>Resolved-to-reopened gaps inside the reopen window: excluded as if paused.</summary>
        public List<RawPause> Gaps { get; } = [];

        public bool Counting => Stop is null;

        public void Retarget(Instant at, int priority)
        {
            if (Counting && (Changes is { Count: > 0 } changes ? changes[^1].Priority : InitialPriority) != priority)
                (Changes ??= []).Add((at, priority));
        }
    }

    /// <summary>
    /// A cycle's pauses as they count on a calendar (docs/sla-semantics.md §8 "Pause cap"): all of them; or, under the
    /// policy's cap, the status pauses only until the cycle has spent the cap paused in that calendar's business time, after
    /// which it counts again. Reopen gaps (no status) never count towards the cap. The calendar last asked for is kept.
    /// </summary>
    private sealed class CyclePauses(IReadOnlyList<RawPause> raw, Instant start, Instant end, int? capMinutes)
    {
        private readonly Interval[] _all = Normalize(raw, start, end);
        private (BusinessCalendar Calendar, Interval[] Pauses, bool Reached)? _capped;

        public Interval[] On(BusinessCalendar calendar) => capMinutes is null || _all.Length == 0 ? _all : Capped(calendar).Pauses;

        public bool CapReachedOn(BusinessCalendar calendar) => capMinutes is not null && _all.Length > 0 && Capped(calendar).Reached;

        private (BusinessCalendar Calendar, Interval[] Pauses, bool Reached) Capped(BusinessCalendar calendar)
        {
            if (_capped is { } known && ReferenceEquals(known.Calendar, calendar))
                return known;
            var kept = raw.Where(p => p.Status is null).ToList();
            var left = Duration.FromMinutes(capMinutes!.Value);
            var reached = false;
            foreach (var pause in Normalize(raw.Where(p => p.Status is not null).ToList(), start, end))
            {
                var spent = calendar.BusinessTimeBetween(pause.Start, pause.End);
                if (spent < left)
                {
                    kept.Add((pause.Start, pause.End, null, null));
                    left -= spent;
                    continue;
                }
                kept.Add((pause.Start, spent == left ? pause.End : calendar.AddBusinessTime(pause.Start, left), null, null));
                reached = true;
                break;
            }
            var capped = (calendar, Normalize(kept, start, end), reached);
            _capped = capped;
            return capped;
        }
    }

    private readonly record struct Held(int Priority, Duration Target, Guid CalendarId, BusinessCalendar Calendar);

    private readonly record struct Judged(
        ClockVerdict Verdict, BusinessCalendar Calendar, Interval[] Pauses, IReadOnlyList<RawPause> RawPauses,
        bool PausedNow);

    /// <summary>What the ordered event history says, before any business time is counted.</summary>
    private sealed class Facts
    {
        public Instant OpenedAt { get; private init; }

        public int Priority { get; private set; }

        public string? Status { get; private set; }

        public List<RawPause> StatusPauses { get; } = [];

        public required Cycle ResponseCycle { get; init; }

        public required Cycle PlanCycle { get; init; }

        public List<Cycle> ResolutionCycles { get; } = [];

        public List<Cycle> UpdateCycles { get; } = [];

        /// <summary>One per customer reply that found none waiting for an answer; empty until the customer writes.</summary>
        public List<Cycle> NextReplyCycles { get; } = [];

        public Instant? FirstResolvedAt { get; private set; }

        public bool Excluded { get; private set; }

        public string? ExclusionReason { get; private set; }

        public static Facts From(IReadOnlyList<string> pauseStatusList, Duration reopenWindow, IncidentHistory history, Instant now)
        {
            var facts = new Facts
            {
                OpenedAt = history.OpenedAt,
                Priority = history.Priority,
                Status = history.Status,
                ResponseCycle = new Cycle(history.OpenedAt, history.Priority),
                PlanCycle = new Cycle(history.OpenedAt, history.Priority),
            };
            var pauseStatuses = pauseStatusList.ToHashSet(StringComparer.Ordinal);
            Instant? pauseStart = IsPause(history.Status) ? history.OpenedAt : null;
            var pausedStatus = pauseStart is null ? null : history.Status;
            string? pausedReason = null;
            facts.ResolutionCycles.Add(new Cycle(history.OpenedAt, history.Priority));
            facts.UpdateCycles.Add(new Cycle(history.OpenedAt, history.Priority));

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
                            facts.StatusPauses.Add((started, e.OccurredAt, pausedStatus, pausedReason));
                            pauseStart = null;
                        }
                        else if (pauseStart is null && nowPaused)
                        {
                            (pauseStart, pausedStatus, pausedReason) = (e.OccurredAt, e.Status, e.Reason);
                        }
                        else if (pauseStart is { } continuing && nowPaused
                                 && (e.Status != pausedStatus || (e.Reason is not null && e.Reason != pausedReason)))
                        {
                            // Another pause status, or the same one for a reason newly given: a pause period of its own.
                            facts.StatusPauses.Add((continuing, e.OccurredAt, pausedStatus, pausedReason));
                            (pauseStart, pausedStatus, pausedReason) = (e.OccurredAt, e.Status, e.Reason);
                        }
                        facts.Status = e.Status;
                        break;
                    case IncidentEventType.PriorityChanged when e.Priority is { } priority && priority != facts.Priority:
                        facts.Priority = priority;
                        facts.ResponseCycle.Retarget(e.OccurredAt, priority);
                        facts.PlanCycle.Retarget(e.OccurredAt, priority);
                        resolution.Retarget(e.OccurredAt, priority);
                        facts.UpdateCycles[^1].Retarget(e.OccurredAt, priority);
                        if (facts.NextReplyCycles.Count > 0)
                            facts.NextReplyCycles[^1].Retarget(e.OccurredAt, priority);
                        break;
                    case IncidentEventType.Responded:
                        facts.ResponseCycle.Stop ??= e.OccurredAt;
                        facts.AnswerCustomer(e.OccurredAt);
                        facts.RestartUpdateCycle(e.OccurredAt, resolution);
                        break;
                    case IncidentEventType.Planned:
                        facts.PlanCycle.Stop ??= e.OccurredAt;
                        // A plan given to the customer answers them: it is a response, but not an update.
                        facts.ResponseCycle.Stop ??= e.OccurredAt;
                        break;
                    case IncidentEventType.CustomerReplied when resolution.Stop is null && facts.NextReplyCycles is not [.., { Counting: true }]:
                        facts.NextReplyCycles.Add(new Cycle(e.OccurredAt, facts.Priority));
                        break;
                    case IncidentEventType.Updated:
                        facts.RestartUpdateCycle(e.OccurredAt, resolution);
                        break;
                    case IncidentEventType.Resolved when resolution.Stop is null:
                        resolution.Stop = e.OccurredAt;
                        facts.FirstResolvedAt ??= e.OccurredAt;
                        // A resolved incident has been responded to and planned, owes no further updates and has answered the customer.
                        facts.ResponseCycle.Stop ??= e.OccurredAt;
                        facts.PlanCycle.Stop ??= e.OccurredAt;
                        facts.UpdateCycles[^1].Stop ??= e.OccurredAt;
                        facts.AnswerCustomer(e.OccurredAt);
                        break;
                    case IncidentEventType.Reopened when resolution.Stop is { } resolvedAt:
                        if (e.OccurredAt - resolvedAt <= reopenWindow)
                        {
                            resolution.Gaps.Add((resolvedAt, e.OccurredAt, null, null));
                            resolution.Stop = null;
                            resolution.Retarget(e.OccurredAt, facts.Priority);
                        }
                        else
                        {
                            facts.ResolutionCycles.Add(new Cycle(e.OccurredAt, facts.Priority));
                        }
                        facts.UpdateCycles.Add(new Cycle(e.OccurredAt, facts.Priority));
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
                facts.StatusPauses.Add((ongoing, null, pausedStatus, pausedReason));
            return facts;

            bool IsPause(string? status) => status is not null && pauseStatuses.Contains(status);
        }

        private void AnswerCustomer(Instant at)
        {
            if (NextReplyCycles.Count > 0)
                NextReplyCycles[^1].Stop ??= at;
        }

        private void RestartUpdateCycle(Instant at, Cycle resolution)
        {
            if (resolution.Stop is not null)
                return;
            UpdateCycles[^1].Stop ??= at;
            UpdateCycles.Add(new Cycle(at, Priority));
        }
    }
}
