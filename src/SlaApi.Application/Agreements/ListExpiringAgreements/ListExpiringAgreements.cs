using FluentValidation;
using Mediator;
using SlaApi.Application.Access;

namespace SlaApi.Application.Agreements.ListExpiringAgreements;

/// <summary>Agreements whose term ends, or that come up for renewal, between now and <see cref="WithinDays"/> days from now.</summary>
public sealed record ListExpiringAgreementsQuery(int WithinDays) : IQuery<IReadOnlyList<AgreementDto>>;

public sealed class ListExpiringAgreementsValidator : AbstractValidator<ListExpiringAgreementsQuery>
{
    public const int MaxDays = 3650;

    public ListExpiringAgreementsValidator() => RuleFor(q => q.WithinDays).InclusiveBetween(1, MaxDays);
}

public sealed class ListExpiringAgreementsHandler(IAgreementRepository agreements, ICallerContext caller, TimeProvider time)
    : IQueryHandler<ListExpiringAgreementsQuery, IReadOnlyList<AgreementDto>>
{
    public async ValueTask<IReadOnlyList<AgreementDto>> Handle(ListExpiringAgreementsQuery query, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expiring = await agreements.ListExpiringAsync(now, now.AddDays(query.WithinDays), ct);
        return expiring.Where(a => caller.CanSee(a.CustomerId)).Select(AgreementDto.From).ToArray();
    }
}
