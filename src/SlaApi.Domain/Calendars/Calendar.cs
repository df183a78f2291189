using NodaTime;
using SlaApi.Domain.Common;

namespace SlaApi.Domain.Calendars;

/// <summary>One immutable version of a business calendar (sla-semantics §2, §4).</summary>
public sealed class Calendar
{
    public const int NameMaxLength = 200;
    public const int MaxHolidays = 2000;

    public static readonly Guid TwentyFourSevenId = new("00000000-0000-0000-0000-000000002407");

    /// <summary>The built-in always-open calendar. It is not stored and cannot be revised.</summary>
    public static Calendar TwentyFourSeven { get; } = new(
        TwentyFourSevenId, 1, "24x7", DateTimeZone.Utc.Id, WeeklySchedule.AlwaysOpen, [], DateTimeOffset.UnixEpoch);

    private BusinessCalendar? _businessCalendar;

    private Calendar(
        Guid id, int version, string name, string timeZoneId, WeeklySchedule week,
        IReadOnlyList<Holiday> holidays, DateTimeOffset versionEffectiveFrom)
    {
        Id = id;
        Version = version;
        Name = name;
        TimeZoneId = timeZoneId;
        Week = week;
        Holidays = holidays;
        VersionEffectiveFrom = versionEffectiveFrom;
    }

    public Guid Id { get; }

    public int Version { get; }

    public string Name { get; }

    public string TimeZoneId { get; }

    public WeeklySchedule Week { get; }

    public IReadOnlyList<Holiday> Holidays { get; }

    public DateTimeOffset VersionEffectiveFrom { get; }

    public bool IsBuiltIn => Id == TwentyFourSevenId;

    public static Calendar Define(
        string name, string timeZoneId, WeeklySchedule week, IEnumerable<Holiday> holidays, DateTimeOffset now) =>
        Create(Guid.CreateVersion7(now), 1, name, timeZoneId, week, holidays, now);

    public static Calendar Rehydrate(
        Guid id, int version, string name, string timeZoneId, WeeklySchedule week,
        IReadOnlyList<Holiday> holidays, DateTimeOffset versionEffectiveFrom) =>
        new(id, version, name, timeZoneId, week, holidays, versionEffectiveFrom);

    /// <summary>The next version: the definition as given, in force from <paramref name="now"/>.</summary>
    public Calendar Revise(string name, string timeZoneId, WeeklySchedule week, IEnumerable<Holiday> holidays, DateTimeOffset now)
    {
        if (IsBuiltIn)
            throw new BusinessRuleException("calendar.built-in", "The built-in 24x7 calendar cannot be changed.");
        return Create(Id, Version + 1, name, timeZoneId, week, holidays, now);
    }

    public BusinessCalendar ToBusinessCalendar() =>
        _businessCalendar ??= IsBuiltIn
            ? BusinessCalendar.TwentyFourSeven
            : new BusinessCalendar(DateTimeZoneProviders.Tzdb[TimeZoneId], Week, Holidays.Select(h => h.Date));

    private static Calendar Create(
        Guid id, int version, string name, string timeZoneId, WeeklySchedule week,
        IEnumerable<Holiday> holidays, DateTimeOffset now)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId) is null)
            throw new BusinessRuleException("calendar.unknown-time-zone", $"'{timeZoneId}' is not a time zone of the tz database.");

        var ordered = holidays.OrderBy(h => h.Date).ToArray();
        if (ordered.Length > MaxHolidays)
            throw new BusinessRuleException("calendar.too-many-holidays", $"A calendar may list at most {MaxHolidays} holidays.");
        var duplicate = ordered.GroupBy(h => h.Date).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new BusinessRuleException("calendar.duplicate-holiday", $"The holiday {duplicate.Key:uuuu-MM-dd} is listed twice.");

        return new Calendar(id, version, name.Trim(), timeZoneId, week, ordered, now);
    }
}
