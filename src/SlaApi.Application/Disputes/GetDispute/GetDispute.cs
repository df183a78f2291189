using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Disputes.GetDispute;

public sealed record GetDisputeQuery(Guid Id) : IQuery<DisputeDto>;

public sealed class GetDisputeHandler(IDisputeRepository disputes, ICallerContext caller) : IQueryHandler<GetDisputeQuery, DisputeDto>
{
    public async ValueTask<DisputeDto> Handle(GetDisputeQuery query, CancellationToken ct)
    {
        var found = await disputes.GetAsync(query.Id, ct);
        return DisputeDto.From((found is not null && caller.CanSee(found.CustomerId) ? found : null) ?? throw new NotFoundException("Dispute", query.Id));
    }
}
