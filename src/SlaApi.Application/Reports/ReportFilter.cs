using FluentValidation;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Agreements.Restatements;
using SlaApi.Application.Common.Validation;
using SlaApi.Domain.Common;
using SlaApi.Domain.Reports;

namespace SlaApi.Application.Reports;

/// <summary>A half-open span of instants, [from, to), that a report, a simulation or a restatement covers.</summary>
public interface IPeriod
{
    DateTimeOffset? From { get; }

    DateTimeOffset? To { get; }
}

public static class PeriodRules
{
    /// <summary>Both ends given and supported, <c>to</c> after <c>from</c>, at most <see cref="ReportKeys.MaxYears"/> years apart.</summary>
    public static void ValidPeriod<T>(this AbstractValidator<T> validator, string what) where T : IPeriod
    {
        validator.RuleFor(p => p.From).NotNull().SupportedInstant();
        validator.RuleFor(p => p.To).NotNull().SupportedInstant();
        validator.RuleFor(p => p.To).GreaterThan(p => p.From).When(p => p.From is not null && p.To is not null)
            .WithMessage("'to' must be after 'from': periods are half-open, [from, to).");
        validator.RuleFor(p => p.To).Must((p, to) => to <= p.From!.Value.AddYears(ReportKeys.MaxYears))
            .When(p => p.From is not null && p.To is not null && p.To > p.From && SupportedTime.Contains(p.From.Value))
            .WithMessage($"A {what} may span at most {ReportKeys.MaxYears} years.");
    }
}

/// <summary>The filters every period report takes (sla-semantics §6): a half-open span, a zone, groupings and a period.</summary>
public interface IReportFilter : IPeriod
{
    /// <summary>IANA zone in which periods are cut; UTC when absent.</summary>
    string? TimeZone { get; }

    /// <summary>Comma-separated <see cref="ReportKeys.GroupKeys"/>; empty for one row of totals.</summary>
    string? GroupBy { get; }

    /// <summary>day, week or month; implies grouping by period. Grouping by period without it cuts months.</summary>
    string? Period { get; }

    Guid? CustomerId { get; }
}

public static class ReportKeys
{
    public const int MaxYears = 3;

    public static readonly IReadOnlyList<string> GroupKeys = ["customer", "agreement", "policy", "priority", "metric", "service", "period"];

    public static readonly IReadOnlyDictionary<string, PeriodUnit> Periods =
        new Dictionary<string, PeriodUnit>(StringComparer.Ordinal) { ["day"] = PeriodUnit.Day, ["week"] = PeriodUnit.Week, ["month"] = PeriodUnit.Month };

    internal static string[] Split(string groupBy) => groupBy.Split(',', StringSplitOptions.TrimEntries);
}

public abstract class ReportFilterRules<T> : AbstractValidator<T> where T : IReportFilter
{
    protected ReportFilterRules()
    {
        this.ValidPeriod("report");
        RuleFor(f => f.TimeZone!).KnownTimeZone().When(f => f.TimeZone is not null);
        RuleFor(f => f.GroupBy).Must(g => string.IsNullOrWhiteSpace(g) || Keys(g).All(ReportKeys.GroupKeys.Contains))
            .WithMessage($"'groupBy' takes a comma-separated list of: {string.Join(", ", ReportKeys.GroupKeys)}.");
        RuleFor(f => f.GroupBy).Must(g => string.IsNullOrWhiteSpace(g) || Keys(g).Distinct().Count() == Keys(g).Length)
            .WithMessage("'groupBy' names a key twice.");
        RuleFor(f => f.Period).Must(p => p is null || ReportKeys.Periods.ContainsKey(p))
            .WithMessage($"'period' must be one of: {string.Join(", ", ReportKeys.Periods.Keys)}.");
    }

    private static string[] Keys(string groupBy) => ReportKeys.Split(groupBy);
}

/// <summary>A validated filter, with the caller's customer scope applied.</summary>
public sealed record ReportScope(
    Instant From, Instant To, Instant AsOf, DateTimeZone Zone, IReadOnlySet<string> GroupBy, PeriodUnit? Period, Guid? CustomerId, bool Empty)
{
    /// <summary>The periods of the report; counting stops at <see cref="AsOf"/>: what settles later has not settled yet.</summary>
    public IReadOnlyList<Interval> Periods => ReportPeriods.Between(From, To, Zone, Period);

    public bool Groups(string key) => GroupBy.Contains(key);

    public static ReportScope Of(IReportFilter filter, ICallerContext caller, Instant now)
    {
        HashSet<string> groupBy = string.IsNullOrWhiteSpace(filter.GroupBy) ? [] : ReportKeys.Split(filter.GroupBy).ToHashSet(StringComparer.Ordinal);
        PeriodUnit? period = null;
        if (filter.Period is { } named)
        {
            groupBy.Add("period");
            period = ReportKeys.Periods[named];
        }
        else if (groupBy.Contains("period"))
        {
            period = PeriodUnit.Month;
        }
        var customerId = caller.CustomerScope ?? filter.CustomerId;
        var hidden = filter.CustomerId is { } asked && !caller.CanSee(asked);
        return new ReportScope(
            Instant.FromDateTimeOffset(filter.From!.Value), Instant.FromDateTimeOffset(filter.To!.Value), now,
            DateTimeZoneProviders.Tzdb[filter.TimeZone ?? "UTC"], groupBy, period, customerId, hidden);
    }
}

public sealed record DefinitionVersionDto(Guid AgreementId, int AgreementVersion, Guid PolicyId, int PolicyVersion);

/// <summary>What a report counted, stated with it (sla-semantics §6).</summary>
public sealed record ReportHeaderDto(
    DateTimeOffset From,
    DateTimeOffset To,
    string Interval,
    string TimeZone,
    string? Period,
    IReadOnlyList<string> GroupBy,
    DateTimeOffset AsOf,
    string Denominator,
    IReadOnlyList<DefinitionVersionDto> Definitions,
    IReadOnlyList<RestatementNoteDto> Restatements)
{
    public const string HalfOpen = "half-open [from, to): a clock counts in the period in which it settled, at or after its start and before its end";

    /// <summary>The header of a report, naming every restatement in force for the agreements whose clocks it counted.</summary>
    public static async Task<ReportHeaderDto> ForAsync(
        ReportScope scope, string denominator, IEnumerable<DefinitionVersionDto> definitions, IRestatementRepository restatements, CancellationToken ct)
    {
        var counted = definitions.Distinct().OrderBy(d => d.AgreementId).ThenBy(d => d.AgreementVersion).ThenBy(d => d.PolicyId).ThenBy(d => d.PolicyVersion).ToArray();
        return new(
            scope.From.ToDateTimeOffset(), scope.To.ToDateTimeOffset(), HalfOpen, scope.Zone.Id,
            scope.Period?.ToString().ToLowerInvariant(),
            ReportKeys.GroupKeys.Where(scope.Groups).ToArray(),
            scope.AsOf.ToDateTimeOffset(), denominator, counted,
            await RestatementNoteDto.InForceAsync(restatements, counted.Select(d => d.AgreementId).Distinct().ToArray(), ct));
    }
}

/// <summary>A restatement in force for an agreement a report counts: its figures are restated, and the report says so.</summary>
public sealed record RestatementNoteDto(Guid Id, Guid AgreementId, int AgreementVersion, DateTimeOffset From, DateTimeOffset To, DateTimeOffset RestatedAt, string Reason)
{
    public static async Task<IReadOnlyList<RestatementNoteDto>> InForceAsync(IRestatementRepository restatements, IReadOnlyCollection<Guid> agreementIds, CancellationToken ct) =>
        (await restatements.ActiveAsync(agreementIds, ct))
            .Select(r => new RestatementNoteDto(r.Id, r.AgreementId, r.AgreementVersion, r.From.ToDateTimeOffset(), r.To.ToDateTimeOffset(), r.RestatedAt.ToDateTimeOffset(), r.Reason))
            .ToArray();
}
