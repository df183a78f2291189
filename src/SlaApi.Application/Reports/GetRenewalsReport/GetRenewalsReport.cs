using FluentValidation;
using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Agreements;
using SlaApi.Application.Agreements.ListExpiringAgreements;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Common.Validation;

namespace SlaApi.Application.Reports.GetRenewalsReport;

/// <summary>Agreements whose term ends, or whose renewal date falls, between now and <see cref="WithinDays"/> days from now, earliest first.</summary>
public sealed record GetRenewalsReportQuery(int WithinDays, PageRequest Page) : IQuery<RenewalsReportDto>;

public sealed class GetRenewalsReportValidator : AbstractValidator<GetRenewalsReportQuery>
{
    public GetRenewalsReportValidator()
    {
        RuleFor(q => q.WithinDays).InclusiveBetween(1, ListExpiringAgreementsValidator.MaxDays);
        this.ValidPage(q => q.Page);
    }
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

public sealed record RenewalsReportDto(
    DateTimeOffset From, DateTimeOffset To, IReadOnlyList<RenewalRowDto> Rows, int PageNumber, int PageSize, long TotalItems) : IReport<RenewalRowDto>;

public sealed class GetRenewalsReportHandler(IAgreementRepository agreements, ICallerContext caller, TimeProvider time)
    : IQueryHandler<GetRenewalsReportQuery, RenewalsReportDto>
{
    public async ValueTask<RenewalsReportDto> Handle(GetRenewalsReportQuery query, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var until = now.AddDays(query.WithinDays);
        var page = await agreements.ListRenewalsAsync(now, until, caller.CustomerScope, query.Page, ct);
        var rows = page.Items.Select(a => new RenewalRowDto(a.AgreementId, a.Version, a.CustomerId, a.Name, a.EffectiveFrom, a.EffectiveTo,
            a.RenewalDate, a.MonthlyFee, a.Currency)).ToArray();
        return new RenewalsReportDto(now, until, rows, page.PageNumber, page.PageSize, page.TotalItems);
    }
}
