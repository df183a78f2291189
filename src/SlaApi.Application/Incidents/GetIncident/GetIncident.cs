using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents.GetIncident;

/// <summary>An incident by id, or by (source, externalId), with its clocks evaluated now.</summary>
/// <param name="CustomerId">Picks among customers that use the same (source, externalId); a customer-bound key needs none.</param>
public sealed record GetIncidentQuery(Guid? Id, string? Source, string? ExternalId, Guid? CustomerId = null) : IQuery<IncidentDto>;

public sealed class GetIncidentValidator : AbstractValidator<GetIncidentQuery>
{
    public GetIncidentValidator() =>
        RuleFor(q => q).Must(q => q.Id is not null || (q.Source is not null && q.ExternalId is not null))
            .WithMessage("Name the incident by id or by source and externalId.");
}

public sealed class GetIncidentHandler(IIncidentRepository incidents, BoundSlaProvider slas, ICallerContext caller, TimeProvider time)
    : IQueryHandler<GetIncidentQuery, IncidentDto>
{
    public async ValueTask<IncidentDto> Handle(GetIncidentQuery query, CancellationToken ct)
    {
        var incident = query.Id is { } id ? await incidents.GetAsync(id, ct) : await FindByRefAsync(query, ct);
        if (incident is null || !caller.CanSee(incident.CustomerId))
            throw new NotFoundException("Incident", query.Id?.ToString() ?? $"{query.Source}/{query.ExternalId}");

        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        return IncidentDto.From(incident, SlaReplay.Evaluate(await slas.GetAsync(incident.Binding, ct), incident.History, now), now);
    }

    private async Task<Incident?> FindByRefAsync(GetIncidentQuery query, CancellationToken ct)
    {
        var source = query.Source!.ToLowerInvariant();
        return await incidents.FindIdsByRefAsync(source, query.ExternalId!, caller.CustomerScope ?? query.CustomerId, ct) switch
        {
            [] => null,
            [var only] => await incidents.GetAsync(only, ct),
            var several => throw IncidentRefs.Ambiguous(source, query.ExternalId!, several),
        };
    }
}
