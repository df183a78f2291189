using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Agreements.Restatements;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Common.Validation;
using SlaApi.Application.Incidents;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Reports.ListBreaches;

/// <summary>Breached clocks whose breach lies in [from, to), oldest breach first.</summary>
public sealed record ListBreachesQuery(
    DateTimeOffset? From, DateTimeOffset? To, string? TimeZone, string? GroupBy, string? Period, Guid? CustomerId, PageRequest Page)
    : IQuery<BreachesReportDto>, IReportFilter;

public sealed class ListBreachesValidator : ReportFilterRules<ListBreachesQuery>
{
    public ListBreachesValidator()
    {
        this.ValidPage(q => q.Page);
        RuleFor(q => q.GroupBy).Null().WithMessage("The breaches report lists clocks; it takes no 'groupBy'.");
        RuleFor(q => q.Period).Null().WithMessage("The breaches report lists clocks; it takes no 'period'.");
    }
}

/// <param name="LateSeconds">Business seconds past the target: at the stop, or until now for a clock still running.</param>
/// <param name="Retroactive">Breached only because a priority change gave the clock a target it had already exceeded.</param>
public sealed record BreachRowDto(
    Guid IncidentId,
    string Source,
    string ExternalId,
    Guid CustomerId,
    Guid AgreementId,
    Guid PolicyId,
    int Priority,
    string? Service,
    string Metric,
    int Cycle,
    long TargetSeconds,
    DateTimeOffset BreachedAt,
    DateTimeOffset? StoppedAt,
    long LateSeconds,
    bool Retroactive,
    bool Excluded);

public sealed record BreachesReportDto(
    ReportHeaderDto Header, IReadOnlyList<BreachRowDto> Rows, int PageNumber, int PageSize, long TotalItems) : IReport<BreachRowDto>;

public sealed class ListBreachesHandler(
    IReportRepository reports, IIncidentRepository incidents, BoundSlaProvider slas, IRestatementRepository restatements, ICallerContext caller, TimeProvider time)
    : IQueryHandler<ListBreachesQuery, BreachesReportDto>
{
    public const string Denominator =
        "every clock whose breach lies in the period, excluded incidents included and marked; the definitions are those of this page's rows";

    public async ValueTask<BreachesReportDto> Handle(ListBreachesQuery query, CancellationToken ct)
    {
        var scope = ReportScope.Of(query, caller, Instant.FromDateTimeOffset(time.GetUtcNow()));
        var until = Instant.Min(scope.To, scope.AsOf);
        var page = scope.Empty || scope.From >= until
            ? new Page<BreachRecord>([], query.Page.PageNumber, query.Page.PageSize, 0)
            : await reports.BreachesAsync(scope.From, until, scope.CustomerId, query.Page, ct);
        var rows = new List<BreachRowDto>(page.Items.Count);
        foreach (var breach in page.Items)
            rows.Add(Row(breach, await LateSecondsAsync(breach, scope.AsOf, ct)));
        var definitions = page.Items.Select(b => new DefinitionVersionDto(b.AgreementId, b.AgreementVersion, b.PolicyId, b.PolicyVersion));
        return new BreachesReportDto(await ReportHeaderDto.ForAsync(scope, Denominator, definitions, restatements, ct), rows, page.PageNumber, page.PageSize, page.TotalItems);
    }

    /// <summary>A stopped clock's lateness is stored; a running one's grows until it stops, so it is replayed now.</summary>
    private async Task<long> LateSecondsAsync(BreachRecord breach, Instant now, CancellationToken ct)
    {
        if (breach.ElapsedSeconds is { } elapsed)
            return elapsed - breach.TargetSeconds;
        var incident = await incidents.GetAsync(breach.IncidentId, ct)
            ?? throw new InvalidOperationException($"Incident {breach.IncidentId} of a stored breach is missing.");
        var evaluation = SlaReplay.Evaluate(await slas.GetAsync(incident.Binding, ct), incident.History, now);
        var clock = evaluation.Clocks.First(c => Names.Of(c.Metric) == breach.Metric && c.Cycle == breach.Cycle);
        return Math.Max(0, (clock.Elapsed - clock.Target).WholeSeconds());
    }

    private static BreachRowDto Row(BreachRecord b, long lateSeconds) => new(
        b.IncidentId, b.Source, b.ExternalId, b.CustomerId, b.AgreementId, b.PolicyId, b.Priority, b.ServiceCode, b.Metric, b.Cycle,
        b.TargetSeconds, b.BreachedAt.ToDateTimeOffset(), b.StoppedAt?.ToDateTimeOffset(), lateSeconds, b.Retroactive, b.Excluded);
}
