using FluentValidation;
using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Agreements;
using SlaApi.Application.Agreements.ListExpiringAgreements;

namespace SlaApi.Application.Reports.GetRenewalsReport;

/// <summary>Agreements whose term ends, or whose renewal date falls, between now and <see cref="WithinDays"/> days from now.</summary>
public sealed record GetRenewalsReportQuery(int WithinDays) : IQuery<RenewalsReportDto>;

public sealed class GetRenewalsReportValidator : AbstractValidator<GetRenewalsReportQuery>
{
    public GetRenewalsReportValidator() => RuleFor(q => q.WithinDays).InclusiveBetween(1, ListExpiringAgreementsValidator.MaxDays);
}

public sealed record RenewalRowDto(
    Guid AgreementId,
    int AgreementVersion,
    Guid CustomerId,
    string AgreementName,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset? EffectiveTo,
    DateOnly? RenewalDate,
    decimal MonthlyFee,
    string Currency);

public sealed record RenewalsReportDto(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<RenewalRowDto> Rows) : IReport<RenewalRowDto>;

public sealed class GetRenewalsReportHandler(IAgreementRepository agreements, ICallerContext caller, TimeProvider time)
    : IQueryHandler<GetRenewalsReportQuery, RenewalsReportDto>
{
    public async ValueTask<RenewalsReportDto> Handle(GetRenewalsReportQuery query, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var until = now.AddDays(query.WithinDays);
        var rows = (await agreements.ListExpiringAsync(now, until, ct))
            .Where(a => caller.CanSee(a.CustomerId))
            .Select(a => new RenewalRowDto(a.Id, a.Version, a.CustomerId, a.Terms.Name, a.Terms.EffectiveFrom, a.Terms.EffectiveTo,
                a.Terms.RenewalDate, a.Terms.MonthlyFee.Amount, a.Terms.MonthlyFee.Currency))
            .OrderBy(r => Earliest(r)).ThenBy(r => r.AgreementId)
            .ToArray();
        return new RenewalsReportDto(now, until, rows);
    }

    private static DateTimeOffset Earliest(RenewalRowDto row)
    {
        var renewal = row.RenewalDate is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.MaxValue;
        return row.EffectiveTo is { } end && end < renewal ? end : renewal;
    }
}
