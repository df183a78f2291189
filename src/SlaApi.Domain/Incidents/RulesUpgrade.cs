using NodaTime;

namespace SlaApi.Domain.Incidents;

/// <summary>
/// The rules of meaning the replay follows, by version, and what replaying stored incidents under a newer version changes.
/// Version 2 is sla-semantics §3 and §7 as rewritten for verdicts by the due instant, final stops and breaches, and
/// priority changes that re-target only counting clocks.
/// </summary>
public static class RulesUpgrade
{
    public const int RulesVersion = 2;

    /// <summary>
    /// How the settled outcomes of one incident differ between what was stored and its replay, per metric and UTC month
    /// of settlement: a verdict that flipped counts in the month it settles in now; an outcome settled on one side only
    /// counts as settled now or before, in its own month (so one whose settlement moved to another month counts in both).
    /// </summary>
    public static IEnumerable<VerdictShift> Shifts(IReadOnlyList<ClockOutcome> stored, IReadOnlyList<ClockOutcome> replayed, Instant asOf)
    {
        var before = stored.Where(o => o.SettledAt <= asOf).ToDictionary(o => (o.Metric, o.Cycle));
        foreach (var after in replayed.Where(o => o.SettledAt <= asOf))
        {
            if (!before.Remove((after.Metric, after.Cycle), out var previous) || MonthOf(previous) != MonthOf(after))
            {
                if (previous is not null)
                    yield return new VerdictShift(previous.Metric, MonthOf(previous), SettledBefore: 1);
                yield return new VerdictShift(after.Metric, MonthOf(after), SettledNow: 1);
            }
            else if (previous.Breached != after.Breached)
            {
                yield return after.Breached
                    ? new VerdictShift(after.Metric, MonthOf(after), MetToBreached: 1)
                    : new VerdictShift(after.Metric, MonthOf(after), BreachedToMet: 1);
            }
        }
        foreach (var gone in before.Values)
            yield return new VerdictShift(gone.Metric, MonthOf(gone), SettledBefore: 1);
    }

    private static YearMonth MonthOf(ClockOutcome outcome)
    {
        var date = outcome.SettledAt.InUtc().Date;
        return new YearMonth(date.Year, date.Month);
    }
}

/// <summary>Verdicts of one metric in one month that a replay under newer rules changed.</summary>
/// <param name="SettledNow">Outcomes that count in this month only under the newer rules.</param>
/// <param name="SettledBefore">Outcomes that counted in this month only under the older rules.</param>
public sealed record VerdictShift(
    ClockMetric Metric, YearMonth Month, int MetToBreached = 0, int BreachedToMet = 0, int SettledNow = 0, int SettledBefore = 0)
{
    public int Changed => MetToBreached + BreachedToMet + SettledNow + SettledBefore;

    public static VerdictShift operator +(VerdictShift a, VerdictShift b) =>
        a with
        {
            MetToBreached = a.MetToBreached + b.MetToBreached,
            BreachedToMet = a.BreachedToMet + b.BreachedToMet,
            SettledNow = a.SettledNow + b.SettledNow,
            SettledBefore = a.SettledBefore + b.SettledBefore,
        };
}
