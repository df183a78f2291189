using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Common.Validation;
using SlaApi.Domain.Policies;

namespace SlaApi.Application.Incidents.ListIncidents;

/// <summary>Incidents newest first; state, atRisk and breached match when any of the incident's clocks does.</summary>
public sealed record ListIncidentsQuery(
    PageRequest Page, Guid? CustomerId, string? State, bool? AtRisk, bool? Breached, int? Priority,
    DateTimeOffset? OpenedFrom, DateTimeOffset? OpenedTo) : IQuery<Page<IncidentSummaryDto>>;

public sealed class ListIncidentsValidator : AbstractValidator<ListIncidentsQuery>
{
    public ListIncidentsValidator()
    {
        this.ValidPage(q => q.Page);
        RuleFor(q => q.State).Must(s => s is null || Names.States.ContainsKey(s))
            .WithMessage($"'state' must be one of: {string.Join(", ", Names.States.Keys)}.");
        RuleFor(q => q.Priority).InclusiveBetween(PriorityTarget.HighestPriority, PriorityTarget.LowestPriority);
        RuleFor(q => q.OpenedFrom).SupportedInstant();
        RuleFor(q => q.OpenedTo).SupportedInstant();
        RuleFor(q => q.OpenedTo).GreaterThan(q => q.OpenedFrom).When(q => q.OpenedFrom is not null && q.OpenedTo is not null)
            .WithMessage("'openedTo' must be after 'openedFrom'.");
    }
}

public sealed class ListIncidentsHandler(IIncidentReadRepository incidents, ICallerContext caller, TimeProvider time)
    : IQueryHandler<ListIncidentsQuery, Page<IncidentSummaryDto>>
{
    public async ValueTask<Page<IncidentSummaryDto>> Handle(ListIncidentsQuery query, CancellationToken ct)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        if (query.CustomerId is { } asked && !caller.CanSee(asked))
            return new Page<IncidentSummaryDto>([], query.Page.PageNumber, query.Page.PageSize, 0);

        var filter = new IncidentFilter(
            caller.CustomerScope ?? query.CustomerId,
            query.State is null ? null : Names.States[query.State],
            query.AtRisk, query.Breached, query.Priority,
            query.OpenedFrom is { } from ? Instant.FromDateTimeOffset(from) : null,
            query.OpenedTo is { } to ? Instant.FromDateTimeOffset(to) : null);
        return (await incidents.ListAsync(filter, query.Page, now, ct)).Map(i => IncidentSummaryDto.From(i, now));
    }
}
