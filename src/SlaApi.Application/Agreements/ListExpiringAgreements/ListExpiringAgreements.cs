using FluentValidation;
using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Common.Validation;

namespace SlaApi.Application.Agreements.ListExpiringAgreements;

/// <summary>Agreements whose term ends, or that come up for renewal, between now and <see cref="WithinDays"/> days from now, earliest first.</summary>
public sealed record ListExpiringAgreementsQuery(int WithinDays, PageRequest Page) : IQuery<Page<AgreementDto>>;

public sealed class ListExpiringAgreementsValidator : AbstractValidator<ListExpiringAgreementsQuery>
{
    public const int MaxDays = 3650;

    public ListExpiringAgreementsValidator()
    {
        RuleFor(q => q.WithinDays).InclusiveBetween(1, MaxDays);
        this.ValidPage(q => q.Page);
    }
}

public sealed class ListExpiringAgreementsHandler(IAgreementRepository agreements, ICallerContext caller, TimeProvider time)
    : IQueryHandler<ListExpiringAgreementsQuery, Page<AgreementDto>>
{
    public async ValueTask<Page<AgreementDto>> Handle(ListExpiringAgreementsQuery query, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return (await agreements.ListExpiringAsync(now, now.AddDays(query.WithinDays), caller.CustomerScope, query.Page, ct)).Map(AgreementDto.From);
    }
}
