using BitFaster.Caching.Lru;
using System.Collections.Frozen;
using NodaTime;
using NodaTime.TimeZones;
using SlaApi.Domain.Common;

namespace SlaApi.Domain.Calendars;

/// <summary>
/// Business-time arithmetic over a zone, a weekly schedule and holidays (sla-semantics §2).
/// Open time is laid out once per local year as sorted UTC spans with running totals, so every
/// question is answered by binary searches: the cost does not grow with the length of the span asked about.
/// Instances are immutable and safe to share between threads.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>A calculation of ten years, with the local years on either side of it that its instants touch.</summary>
    public const int YearLayoutsKept = 12;

    private readonly DateTimeZone _zone;
    private readonly WeeklySchedule _schedule;
    private readonly FrozenSet<LocalDate> _holidays;
    private readonly FastConcurrentLru<int, YearOfSpans> _years = new(YearLayoutsKept);
    private YearOfSpans? _lastUsed;

    public BusinessCalendar(DateTimeZone zone, WeeklySchedule schedule, IEnumerable<LocalDate> holidays)
    {
        _zone = zone;
        _schedule = schedule;
        _holidays = holidays.ToFrozenSet();
    }

    public static BusinessCalendar TwentyFourSeven { get; } = new(DateTimeZone.Utc, WeeklySchedule.AlwaysOpen, []);

    public bool IsOpen(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        var year = YearContaining(ticks);
        var index = year.LastSpanStartingAtOrBefore(ticks);
        return index >= 0 && ticks < year.Ends[index];
    }

    /// <summary>Whether the local date at <paramref name="instant"/> is one of the calendar's holidays.</summary>
    public bool IsHolidayAt(Instant instant) => _holidays.Contains(instant.InZone(_zone).Date);

    /// <summary>The instants at which holidays overlapping [from, to) begin and end (their local midnights).</summary>
    public IEnumerable<Instant> HolidayEdges(Instant from, Instant to)
    {
        foreach (var date in _holidays)
        {
            var holidayStart = date.AtStartOfDayInZone(_zone).ToInstant();
            var holidayEnd = date.PlusDays(1).AtStartOfDayInZone(_zone).ToInstant();
            if (holidayEnd > from && holidayStart < to)
            {
                yield return holidayStart;
                yield return holidayEnd;
            }
        }
    }

    /// <summary>The instant itself when the calendar is open then, else the start of the next open span.</summary>
    public Instant NextOpening(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        var year = YearContaining(ticks);
        var index = year.LastSpanStartingAtOrBefore(ticks);
        if (index >= 0 && ticks < year.Ends[index])
            return instant;

        var next = index + 1;
        while (next >= year.Count)
        {
            year = Year(year.LocalYear + 1);
            next = 0;
        }
        return Instant.FromUnixTimeTicks(year.Starts[next]);
    }

    /// <summary>Business time in [from, to); zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public Duration BusinessTimeBetween(Instant from, Instant to) =>
        Duration.FromTicks(BusinessTicksBetween(from.ToUnixTimeTicks(), to.ToUnixTimeTicks()));

    /// <summary>Business time in [from, to) less the business time inside <paramref name="pauses"/>.</summary>
    /// <param name="pauses">Bounded intervals, ordered and not overlapping.</param>
    public Duration BusinessTimeBetween(Instant from, Instant to, ReadOnlySpan<Interval> pauses)
    {
        EnsureOrderedBoundedPauses(pauses);
        var start = from.ToUnixTimeTicks();
        var end = to.ToUnixTimeTicks();
        var total = BusinessTicksBetween(start, end);
        foreach (var pause in pauses)
            total -= BusinessTicksBetween(Math.Max(start, pause.Start.ToUnixTimeTicks()), Math.Min(end, pause.End.ToUnixTimeTicks()));
        return Duration.FromTicks(total);
    }

    /// <summary>
    /// The earliest instant at which <paramref name="duration"/> of business time has passed since <paramref name="start"/>.
    /// A duration that exactly fills an open span ends at its closing instant; a zero duration gives <see cref="NextOpening"/>.
    /// </summary>
    public Instant AddBusinessTime(Instant start, Duration duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, Duration.Zero);
        if (duration == Duration.Zero)
            return NextOpening(start);

        var ticks = start.ToUnixTimeTicks();
        var year = YearContaining(ticks);
        var target = year.CumulativeAt(ticks) + duration.BclCompatibleTicks;
        while (target > year.Total)
        {
            target -= year.Total;
            year = Year(year.LocalYear + 1);
        }
        return Instant.FromUnixTimeTicks(year.InstantReaching(target));
    }

    /// <summary>As <see cref="AddBusinessTime(Instant, Duration)"/>, with no time accruing inside <paramref name="pauses"/>.</summary>
    /// <param name="pauses">Bounded intervals, ordered and not overlapping.</param>
    public Instant AddBusinessTime(Instant start, Duration duration, ReadOnlySpan<Interval> pauses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, Duration.Zero);
        EnsureOrderedBoundedPauses(pauses);
        var cursor = start;
        var remaining = duration;
        foreach (var pause in pauses)
        {
            if (pause.End <= cursor)
                continue;
            if (pause.Start > cursor)
            {
                var candidate = AddBusinessTime(cursor, remaining);
                if (candidate < pause.Start || (remaining > Duration.Zero && candidate == pause.Start))
                    return candidate;
                remaining -= BusinessTimeBetween(cursor, pause.Start);
            }
            cursor = pause.End;
        }
        return AddBusinessTime(cursor, remaining);
    }

    /// <summary>The UTC intervals within [from, to) during which the calendar is open, in order.</summary>
    public IReadOnlyList<Interval> OpenIntervals(Instant from, Instant to)
    {
        var result = new List<Interval>();
        var start = from.ToUnixTimeTicks();
        var end = to.ToUnixTimeTicks();
        if (end <= start)
            return result;

        var year = YearContaining(start);
        var index = Math.Max(0, year.LastSpanStartingAtOrBefore(start));
        while (true)
        {
            for (; index < year.Count && year.Starts[index] < end; index++)
            {
                var spanStart = Math.Max(start, year.Starts[index]);
                var spanEnd = Math.Min(end, year.Ends[index]);
                if (spanEnd > spanStart)
                    AppendMerging(result, spanStart, spanEnd);
            }
            if (year.End >= end)
                return result;
            year = Year(year.LocalYear + 1);
            index = 0;
        }
    }

    /// <summary>As <see cref="OpenIntervals(Instant, Instant)"/>, less the parts inside <paramref name="pauses"/>.</summary>
    public IReadOnlyList<Interval> OpenIntervals(Instant from, Instant to, ReadOnlySpan<Interval> pauses)
    {
        EnsureOrderedBoundedPauses(pauses);
        var result = new List<Interval>();
        foreach (var open in OpenIntervals(from, to))
        {
            var cursor = open.Start;
            foreach (var pause in pauses)
            {
                if (pause.End <= cursor || pause.Start >= open.End)
                    continue;
                if (pause.Start > cursor)
                    result.Add(new Interval(cursor, pause.Start));
                cursor = pause.End;
            }
            if (cursor < open.End)
                result.Add(new Interval(cursor, open.End));
        }
        return result;
    }

    private static void AppendMerging(List<Interval> intervals, long start, long end)
    {
        if (intervals.Count > 0 && intervals[^1].End.ToUnixTimeTicks() == start)
        {
            intervals[^1] = new Interval(intervals[^1].Start, Instant.FromUnixTimeTicks(end));
            return;
        }
        intervals.Add(new Interval(Instant.FromUnixTimeTicks(start), Instant.FromUnixTimeTicks(end)));
    }

    private static void EnsureOrderedBoundedPauses(ReadOnlySpan<Interval> pauses)
    {
        for (var i = 0; i < pauses.Length; i++)
        {
            if (!pauses[i].HasStart || !pauses[i].HasEnd)
                throw new ArgumentException("Pause intervals must have a start and an end.", nameof(pauses));
            if (i > 0 && pauses[i].Start < pauses[i - 1].End)
                throw new ArgumentException("Pause intervals must be ordered and must not overlap.", nameof(pauses));
        }
    }

    private long BusinessTicksBetween(long from, long to)
    {
        if (to <= from)
            return 0;
        var first = YearContaining(from);
        var last = YearContaining(to);
        if (first.LocalYear == last.LocalYear)
            return last.CumulativeAt(to) - first.CumulativeAt(from);

        var total = first.Total - first.CumulativeAt(from) + last.CumulativeAt(to);
        for (var year = first.LocalYear + 1; year < last.LocalYear; year++)
            total += Year(year).Total;
        return total;
    }

    private YearOfSpans YearContaining(long ticks)
    {
        var cached = _lastUsed;
        if (cached is not null && ticks >= cached.Start && ticks < cached.End)
            return cached;

        var year = Year(Instant.FromUnixTimeTicks(ticks).InZone(_zone).Year);
        while (ticks < year.Start)
            year = Year(year.LocalYear - 1);
        while (ticks >= year.End)
            year = Year(year.LocalYear + 1);
        _lastUsed = year;
        return year;
    }

    private YearOfSpans Year(int localYear)
    {
        if (localYear is < SupportedTime.FirstCalendarYear or > SupportedTime.LastCalendarYear)
            throw new OutsideSupportedYearsException(localYear);
        return _years.GetOrAdd(localYear, static (year, calendar) => calendar.BuildYear(year), this);
    }

    /// <summary>
    /// Lays out the open spans of one local year, [Jan 1 00:00, next Jan 1 00:00) as instants. Intervals of
    /// Dec 31 of the year before are included so that their overnight part is counted; everything is clipped
    /// to the year's bounds, so consecutive years never share a moment.
    /// </summary>
    private YearOfSpans BuildYear(int localYear)
    {
        var firstDay = new LocalDate(localYear, 1, 1);
        var yearStart = ToInstantTicks(firstDay, 0);
        var yearEnd = ToInstantTicks(firstDay.PlusYears(1), 0);

        var spans = new List<(long Start, long End)>(300);
        for (var date = firstDay.PlusDays(-1); date.Year <= localYear; date = date.PlusDays(1))
        {
            foreach (var interval in _schedule.On(date.DayOfWeek))
            {
                if (interval.CrossesMidnight)
                {
                    AddPart(spans, date, interval.StartMinute, WeeklyInterval.MinutesPerDay, yearStart, yearEnd);
                    AddPart(spans, date.PlusDays(1), 0, interval.EndMinute, yearStart, yearEnd);
                }
                else
                {
                    AddPart(spans, date, interval.StartMinute, interval.EndMinute, yearStart, yearEnd);
                }
            }
        }
        return YearOfSpans.Create(localYear, yearStart, yearEnd, spans);
    }

    private void AddPart(List<(long, long)> spans, LocalDate date, int startMinute, int endMinute, long yearStart, long yearEnd)
    {
        if (endMinute <= startMinute || _holidays.Contains(date))
            return;
        var start = Math.Max(yearStart, ToInstantTicks(date, startMinute));
        var end = Math.Min(yearEnd, ToInstantTicks(date, endMinute));
        // Lenient mapping of ends inside a skipped hour can put the end before the start: such a part is empty.
        if (end > start)
            spans.Add((start, end));
    }

    private long ToInstantTicks(LocalDate date, int minute) =>
        _zone.ResolveLocal(date.AtMidnight().PlusMinutes(minute), Resolvers.LenientResolver).ToInstant().ToUnixTimeTicks();

    private sealed class YearOfSpans
    {
        private YearOfSpans(int localYear, long start, long end, long[] starts, long[] ends, long[] cumulativeEnds)
        {
            LocalYear = localYear;
            Start = start;
            End = end;
            Starts = starts;
            Ends = ends;
            CumulativeEnds = cumulativeEnds;
            Total = cumulativeEnds.Length == 0 ? 0 : cumulativeEnds[^1];
        }

        public int LocalYear { get; }

        public long Start { get; }

        public long End { get; }

        public long[] Starts { get; }

        public long[] Ends { get; }

        /// <summary>Business ticks of the year up to the end of each span.</summary>
        public long[] CumulativeEnds { get; }

        public long Total { get; }

        public int Count => Starts.Length;

        public static YearOfSpans Create(int localYear, long start, long end, List<(long Start, long End)> spans)
        {
            spans.Sort();
            var merged = new List<(long Start, long End)>(spans.Count);
            foreach (var span in spans)
            {
                if (merged.Count > 0 && span.Start <= merged[^1].End)
                    merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, span.End));
                else
                    merged.Add(span);
            }

            var starts = new long[merged.Count];
            var ends = new long[merged.Count];
            var cumulative = new long[merged.Count];
            long total = 0;
            for (var i = 0; i < merged.Count; i++)
            {
                starts[i] = merged[i].Start;
                ends[i] = merged[i].End;
                total += merged[i].End - merged[i].Start;
                cumulative[i] = total;
            }
            return new YearOfSpans(localYear, start, end, starts, ends, cumulative);
        }

        public int LastSpanStartingAtOrBefore(long ticks)
        {
            var index = Array.BinarySearch(Starts, ticks);
            return index >= 0 ? index : ~index - 1;
        }

        public long CumulativeAt(long ticks)
        {
            var index = LastSpanStartingAtOrBefore(ticks);
            if (index < 0)
                return 0;
            var beforeSpan = CumulativeEnds[index] - (Ends[index] - Starts[index]);
            return beforeSpan + Math.Min(ticks, Ends[index]) - Starts[index];
        }

        /// <summary>The earliest instant at which the year's running total reaches <paramref name="target"/> (0 &lt; target ≤ Total).</summary>
        public long InstantReaching(long target)
        {
            var index = Array.BinarySearch(CumulativeEnds, target);
            if (index < 0)
                index = ~index;
            return Ends[index] - (CumulativeEnds[index] - target);
        }
    }
}
