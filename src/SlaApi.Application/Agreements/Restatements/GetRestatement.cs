using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Domain.Agreements;

namespace SlaApi.Application.Agreements.Restatements;

public sealed record GetRestatementQuery(Guid Id) : IQuery<RestatementDto>;

public sealed class GetRestatementHandler(IRestatementRepository restatements, IAgreementRepository agreements, ICallerContext caller)
    : IQueryHandler<GetRestatementQuery, RestatementDto>
{
    public async ValueTask<RestatementDto> Handle(GetRestatementQuery query, CancellationToken ct) =>
        RestatementDto.Of((await RestatementAccess.FindAsync(restatements, agreements, caller, query.Id, ct)).Restatement);
}

public static class RestatementAccess
{
    /// <summary>A restatement, with its agreement, is the agreement's customer's: another customer's key finds nothing.</summary>
    public static async Task<(Restatement Restatement, Agreement Agreement)> FindAsync(
        IRestatementRepository restatements, IAgreementRepository agreements, ICallerContext caller, Guid id, CancellationToken ct)
    {
        var found = await restatements.GetAsync(id, ct);
        var agreement = found is null ? null : await agreements.GetAsync(found.AgreementId, null, ct);
        return found is not null && agreement is not null && caller.CanSee(agreement.CustomerId)
            ? (found, agreement)
            : throw new NotFoundException("Restatement", id);
    }
}
