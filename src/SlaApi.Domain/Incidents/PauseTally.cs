using NodaTime;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Common;

namespace SlaApi.Domain.Incidents;

/// <summary>
/// The business time a stopped cycle spent paused, on its own calendar, per reason given for the pause (null for none), in
/// whole seconds: its status pauses that did not count, under a cap only the part before the cap; reopen gaps left out.
/// </summary>
public sealed record PauseTally(IReadOnlyList<PausedTime> ByReason)
{
    public static readonly PauseTally None = new([]);

    public Duration Total => ByReason.Aggregate(Duration.Zero, (sum, r) => sum + r.Time);

    /// <summary>The pause periods of a cycle summed per reason, in the order no reason first, then reasons by code.</summary>
    public static PauseTally Of(IEnumerable<PausePeriod> periods, BusinessCalendar calendar)
    {
        var sum = new Sum();
        foreach (var period in periods)
        {
            if (!period.IsResolvedGap)
                sum.Add(period.Reason, calendar.BusinessTimeBetween(period.Start, period.End));
        }
        return sum.ToTally();
    }

    /// <summary>
    /// Sums time per reason without a collection for the common cycle, paused for one reason only: replay tallies every
    /// stopped cycle, and an incident has hundreds of them.
    /// </summary>
    public struct Sum
    {
        private bool _any;
        private string? _firstReason;
        private Duration _first;
        private List<PausedTime>? _others;

        public void Add(string? reason, Duration time)
        {
            if (!_any || reason == _firstReason)
            {
                (_any, _firstReason, _first) = (true, reason, _first + time);
                return;
            }
            _others ??= [];
            var index = _others.FindIndex(r => r.Reason == reason);
            if (index < 0)
                _others.Add(new PausedTime(reason, time));
            else
                _others[index] = _others[index] with { Time = _others[index].Time + time };
        }

        public readonly PauseTally ToTally()
        {
            if (!_any)
                return None;
            if (_others is null)
                return _first.WholeSeconds() > 0 ? new PauseTally([new PausedTime(_firstReason, Duration.FromSeconds(_first.WholeSeconds()))]) : None;
            return new PauseTally(_others.Prepend(new PausedTime(_firstReason, _first))
                .Where(r => r.Time.WholeSeconds() > 0)
                .Select(r => r with { Time = Duration.FromSeconds(r.Time.WholeSeconds()) })
                .OrderBy(r => r.Reason, StringComparer.Ordinal)
                .ToArray());
        }
    }

    public bool Equals(PauseTally? other) => other is not null && ByReason.SequenceEqual(other.ByReason);

    public override int GetHashCode() => ByReason.Count;
}

/// <param name="Reason">The reason code the pause was given for; null for none.</param>
public readonly record struct PausedTime(string? Reason, Duration Time);
