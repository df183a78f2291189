using FluentValidation;
using Mediator;
using NodaTime;
using NodaTime.Text;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Validation;
using SlaApi.Application.Disputes;
using SlaApi.Domain.Disputes;

namespace SlaApi.Application.Reports.GetDisputesReport;

/// <summary>Disputes per agreement and month of raising, [from, to) cut at months of <see cref="TimeZone"/> (UTC when absent).</summary>
public sealed record GetDisputesReportQuery(DateTimeOffset? From, DateTimeOffset? To, string? TimeZone, Guid? CustomerId) : IQuery<DisputesReportDto>, IPeriod;

/// <param name="Month">yyyy-MM in the report's zone.</param>
/// <param name="Open">Raised in the month and not reviewed yet.</param>
public sealed record DisputeCountRowDto(Guid AgreementId, Guid CustomerId, string Month, long Raised, long Open, long Upheld, long Rejected);

public sealed record DisputesReportDto(DateTimeOffset From, DateTimeOffset To, string TimeZone, DateTimeOffset AsOf, IReadOnlyList<DisputeCountRowDto> Rows)
    : IReport<DisputeCountRowDto>;

public sealed class GetDisputesReportValidator : AbstractValidator<GetDisputesReportQuery>
{
    public GetDisputesReportValidator()
    {
        this.ValidPeriod("report");
        RuleFor(q => q.TimeZone!).KnownTimeZone().When(q => q.TimeZone is not null);
    }
}

public sealed class GetDisputesReportHandler(IDisputeRepository disputes, ICallerContext caller, TimeProvider time)
    : IQueryHandler<GetDisputesReportQuery, DisputesReportDto>
{
    private static readonly YearMonthPattern MonthPattern = YearMonthPattern.CreateWithInvariantCulture("uuuu'-'MM");

    public async ValueTask<DisputesReportDto> Handle(GetDisputesReportQuery query, CancellationToken ct)
    {
        var zone = DateTimeZoneProviders.Tzdb[query.TimeZone ?? "UTC"];
        var (from, to) = (Instant.FromDateTimeOffset(query.From!.Value), Instant.FromDateTimeOffset(query.To!.Value));
        var counts = new SortedDictionary<(string Month, Guid Agreement), (Guid Customer, long Open, long Upheld, long Rejected)>();
        if (query.CustomerId is not { } asked || caller.CanSee(asked))
        {
            await foreach (var dispute in disputes.RaisedAsync(from, to, caller.CustomerScope ?? query.CustomerId, ct))
            {
                var key = (MonthPattern.Format(dispute.RaisedAt.InZone(zone).Date.ToYearMonth()), dispute.AgreementId);
                var (_, open, upheld, rejected) = counts.GetValueOrDefault(key);
                counts[key] = dispute.Status switch
                {
                    DisputeStatus.Upheld => (dispute.CustomerId, open, upheld + 1, rejected),
                    DisputeStatus.Rejected => (dispute.CustomerId, open, upheld, rejected + 1),
                    _ => (dispute.CustomerId, open + 1, upheld, rejected),
                };
            }
        }
        var rows = counts.Select(c => new DisputeCountRowDto(c.Key.Agreement, c.Value.Customer, c.Key.Month,
            c.Value.Open + c.Value.Upheld + c.Value.Rejected, c.Value.Open, c.Value.Upheld, c.Value.Rejected)).ToArray();
        return new DisputesReportDto(query.From.Value, query.To.Value, zone.Id, time.GetUtcNow(), rows);
    }
}
