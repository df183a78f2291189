using CsCheck;
using FluentAssertions;
using NodaTime;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.UnitTests.Builders;

namespace SlaApi.Domain.UnitTests.Calendars;

/// <summary>
/// Seeded properties over random tz zones, weekly schedules (overnight and split intervals) and holidays.
/// Every run draws the same 1,000 cases per property (<see cref="Seeded"/>).
/// </summary>
public sealed class BusinessCalendarPropertyTests
{
    private static readonly string[] Zones = DateTimeZoneProviders.Tzdb.Ids.ToArray();
    private static readonly LocalDate FirstDate = new(2025, 1, 1);
    private static readonly Instant FirstInstant = Instant.FromUtc(2025, 1, 1, 0, 0);
    private const long SecondsInSampledRange = 2L * 365 * 24 * 3600;

    /// <summary>At least half an hour open a week, so that 400 hours of business time stay within the years a calendar covers.</summary>
    private static readonly Gen<WeeklyInterval> IntervalGen =
        Gen.Select(Gen.Int[1, 7], Gen.Int[0, WeeklyInterval.MinutesPerDay - 1], Gen.Int[30, WeeklyInterval.MinutesPerDay],
            (day, start, length) =>
            {
                var end = start + length;
                return new WeeklyInterval((IsoDayOfWeek)day, start, end > WeeklyInterval.MinutesPerDay ? end - WeeklyInterval.MinutesPerDay : end);
            });

    private static readonly Gen<CalendarCase> CalendarGen =
        Gen.Select(Gen.Int[0, Zones.Length - 1], IntervalGen.Array[1, 8], Gen.Int[0, 800].Array[0, 40],
            (zoneIndex, candidates, holidayOffsets) =>
            {
                var kept = new List<WeeklyInterval>();
                foreach (var candidate in candidates)
                {
                    if (WeeklySchedule.FindOverlap([.. kept, candidate]) is null)
                        kept.Add(candidate);
                }
                var holidays = holidayOffsets.Select(d => FirstDate.PlusDays(d)).ToHashSet();
                return new CalendarCase(DateTimeZoneProviders.Tzdb[Zones[zoneIndex]], kept, holidays);
            });

    private static readonly Gen<Instant> InstantGen =
        Gen.Long[0, SecondsInSampledRange].Select(s => FirstInstant + Duration.FromSeconds(s));

    private static readonly Gen<Duration> DurationGen =
        Gen.Long[0, 400 * 3600].Select(Duration.FromSeconds);

    [Test]
    public void BusinessTimeBetween_StartAndAddedTime_GivesBackTheDuration() =>
        Seeded.ForAll(Gen.Select(CalendarGen, InstantGen, DurationGen), c =>
        {
            var (calendar, start, duration) = (c.Item1.Build(), c.Item2, c.Item3);
            calendar.BusinessTimeBetween(start, calendar.AddBusinessTime(start, duration)).Should().Be(duration);
        });

    [Test]
    public void BusinessTimeBetween_IsAdditive() =>
        Seeded.ForAll(Gen.Select(CalendarGen, InstantGen, DurationGen, DurationGen), c =>
        {
            var calendar = c.Item1.Build();
            var a = c.Item2;
            var b = a + c.Item3;
            var end = b + c.Item4;
            (calendar.BusinessTimeBetween(a, b) + calendar.BusinessTimeBetween(b, end))
                .Should().Be(calendar.BusinessTimeBetween(a, end));
        });

    [Test]
    public void AddBusinessTime_IsMonotonicInDurationAndStart() =>
        Seeded.ForAll(Gen.Select(CalendarGen, InstantGen, DurationGen, DurationGen), c =>
        {
            var calendar = c.Item1.Build();
            var (shorter, longer) = c.Item3 <= c.Item4 ? (c.Item3, c.Item4) : (c.Item4, c.Item3);
            calendar.AddBusinessTime(c.Item2, shorter).Should().BeLessThanOrEqualTo(calendar.AddBusinessTime(c.Item2, longer));

            var laterStart = c.Item2 + (longer - shorter);
            calendar.AddBusinessTime(c.Item2, shorter).Should().BeLessThanOrEqualTo(calendar.AddBusinessTime(laterStart, shorter));
        });

    [Test]
    public void AddBusinessTime_PositiveDuration_EndsWhileOpenOrAtAClosingInstant() =>
        Seeded.ForAll(Gen.Select(CalendarGen, InstantGen, DurationGen.Where(d => d > Duration.Zero)), c =>
        {
            var calendar = c.Item1.Build();
            var due = calendar.AddBusinessTime(c.Item2, c.Item3);
            calendar.IsOpen(due - Duration.Epsilon).Should().BeTrue("time accrued right up to the due instant");
        });

    [Test]
    public void BusinessTimeBetween_ShortSpans_AgreesWithMinuteByMinuteReference() =>
        Seeded.ForAll(Gen.Select(CalendarGen, InstantGen, Gen.Int[0, 36 * 60]), c =>
        {
            var from = Instant.FromUnixTimeSeconds(c.Item2.ToUnixTimeSeconds() / 60 * 60);
            var to = from + Duration.FromMinutes(c.Item3);
            var naive = new NaiveBusinessClock(c.Item1.Zone, c.Item1.Intervals, c.Item1.Holidays);

            c.Item1.Build().BusinessTimeBetween(from, to).Should().Be(naive.BusinessTimeBetween(from, to));
        });

    [Test]
    public void IsOpenAndNextOpening_Agree() =>
        Seeded.ForAll(Gen.Select(CalendarGen, InstantGen), c =>
        {
            var calendar = c.Item1.Build();
            var next = calendar.NextOpening(c.Item2);
            calendar.IsOpen(next).Should().BeTrue();
            calendar.BusinessTimeBetween(c.Item2, next).Should().Be(Duration.Zero);
            (next == c.Item2).Should().Be(calendar.IsOpen(c.Item2));
        });

    public sealed record CalendarCase(DateTimeZone Zone, IReadOnlyList<WeeklyInterval> Intervals, IReadOnlySet<LocalDate> Holidays)
    {
        public BusinessCalendar Build() => new(Zone, WeeklySchedule.Create(Intervals), Holidays);

        public override string ToString() =>
            $"{Zone.Id}; [{string.Join(", ", Intervals.Select(i => $"{i.Day} {i.StartMinute}-{i.EndMinute}"))}]; holidays {Holidays.Count}";
    }
}
