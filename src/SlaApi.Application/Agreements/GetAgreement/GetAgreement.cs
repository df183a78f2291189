using FluentValidation;
using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Agreements.GetAgreement;

/// <summary>The given version of an agreement, or its latest when <see cref="Version"/> is null.</summary>
public sealed record GetAgreementQuery(Guid Id, int? Version) : IQuery<AgreementDto>;

public sealed class GetAgreementValidator : AbstractValidator<GetAgreementQuery>
{
    public GetAgreementValidator() => RuleFor(q => q.Version).GreaterThanOrEqualTo(1);
}

public sealed class GetAgreementHandler(IAgreementRepository agreements, ICallerContext caller) : IQueryHandler<GetAgreementQuery, AgreementDto>
{
    public async ValueTask<AgreementDto> Handle(GetAgreementQuery query, CancellationToken ct)
    {
        var found = await agreements.GetAsync(query.Id, query.Version, ct);
        var agreement = (found is not null && caller.CanSee(found.CustomerId) ? found : null)
            ?? throw new NotFoundException(query.Version is null ? "Agreement" : $"Version {query.Version} of agreement", query.Id);
        return AgreementDto.From(agreement);
    }
}
