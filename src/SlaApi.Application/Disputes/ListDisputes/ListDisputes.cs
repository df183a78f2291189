using FluentValidation;
using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Common.Validation;
using SlaApi.Application.Incidents;
using SlaApi.Domain.Disputes;

namespace SlaApi.Application.Disputes.ListDisputes;

/// <summary>Disputes newest first; of one incident when <see cref="IncidentId"/> is given (404 when the caller cannot see it).</summary>
/// <param name="Status">open, upheld or rejected.</param>
public sealed record ListDisputesQuery(Guid? IncidentId, Guid? CustomerId, string? Status, PageRequest Page) : IQuery<Page<DisputeDto>>;

public sealed class ListDisputesValidator : AbstractValidator<ListDisputesQuery>
{
    public ListDisputesValidator()
    {
        this.ValidPage(q => q.Page);
        RuleFor(q => q.Status).Must(s => s is null || Enum.TryParse<DisputeStatus>(s, ignoreCase: true, out _) && s == s.ToLowerInvariant())
            .WithMessage("'status' must be one of: open, upheld, rejected.");
    }
}

public sealed class ListDisputesHandler(IDisputeRepository disputes, IIncidentRepository incidents, ICallerContext caller)
    : IQueryHandler<ListDisputesQuery, Page<DisputeDto>>
{
    public async ValueTask<Page<DisputeDto>> Handle(ListDisputesQuery query, CancellationToken ct)
    {
        if (query.IncidentId is { } incidentId)
        {
            var incident = await incidents.GetAsync(incidentId, ct);
            if (incident is null || !caller.CanSee(incident.CustomerId))
                throw new NotFoundException("Incident", incidentId);
        }
        if (query.CustomerId is { } asked && !caller.CanSee(asked))
            return new Page<DisputeDto>([], query.Page.PageNumber, query.Page.PageSize, 0);
        var status = query.Status is null ? (DisputeStatus?)null : Enum.Parse<DisputeStatus>(query.Status, ignoreCase: true);
        var filter = new DisputeFilter(query.IncidentId, caller.CustomerScope ?? query.CustomerId, status);
        return (await disputes.ListAsync(filter, query.Page, ct)).Map(DisputeDto.From);
    }
}
