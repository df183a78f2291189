using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Application.Access;

namespace SlaApi.Application.Incidents.GetQueue;

/// <summary>"Which ticket first": open incidents by urgency, each with the clock closest to breach.</summary>
public sealed record GetQueueQuery(Guid? CustomerId, int Limit) : IQuery<IReadOnlyList<QueueItemDto>>;

public sealed record QueueItemDto(IncidentSummaryDto Incident, ClockSummaryDto Clock);

public sealed class GetQueueValidator : AbstractValidator<GetQueueQuery>
{
    public const int MaxLimit = 500;

    public GetQueueValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
}

public sealed class GetQueueHandler(IIncidentReadRepository incidents, ICallerContext caller, TimeProvider time)
    : IQueryHandler<GetQueueQuery, IReadOnlyList<QueueItemDto>>
{
    public async ValueTask<IReadOnlyList<QueueItemDto>> Handle(GetQueueQuery query, CancellationToken ct)
    {
        if (query.CustomerId is { } asked && !caller.CanSee(asked))
            return [];
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var queue = await incidents.QueueAsync(caller.CustomerScope ?? query.CustomerId, query.Limit, ct);
        return queue.Select(i => new QueueItemDto(IncidentSummaryDto.From(i, now), ClockSummaryDto.From(i.Clocks[0], now))).ToArray();
    }
}
