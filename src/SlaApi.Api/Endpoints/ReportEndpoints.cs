using Mediator;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Reports.GetComplianceReport;
using SlaApi.Application.Reports.GetCreditsReport;
using SlaApi.Application.Reports.GetDisputesReport;
using SlaApi.Application.Reports.GetPausesReport;
using SlaApi.Application.Reports.GetRenewalsReport;
using SlaApi.Application.Reports.GetResponseTimesReport;
using SlaApi.Application.Reports.ListBreaches;
using SlaApi.Domain.Access;

namespace SlaApi.Api.Endpoints;

public static class ReportEndpoints
{
    private const int DefaultRenewalDays = 60;

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/compliance", GetComplianceReport).WithName(nameof(GetComplianceReport))
            .WithDescription("groupBy takes customer, agreement, policy, priority, metric, service and period (with period = day, week or month in timeZone). JSON, or CSV when Accept prefers text/csv. Scope reports:read.").RequiresScope(Scopes.ReportsRead)
            .WithSummary("Met, breached and excluded clocks and compliance %, by the groups asked for, over clocks that settled in [from, to).")
            .Produces<ComplianceReportDto>(StatusCodes.Status200OK, "application/json", CsvReport.ContentType).WithProblems();
        reports.MapGet("/response-times", GetResponseTimesReport).WithName(nameof(GetResponseTimesReport))
            .WithDescription("MTTA and MTTR: over clocks stopped in [from, to). JSON, or CSV when Accept prefers text/csv. Scope reports:read.").RequiresScope(Scopes.ReportsRead)
            .WithSummary("Count, mean, p50, p90 and max of the times to response, first and final resolution, in business and wall-clock seconds.")
            .Produces<ResponseTimesReportDto>(StatusCodes.Status200OK, "application/json", CsvReport.ContentType).WithProblems();
        reports.MapGet("/breaches", ListBreaches).WithName(nameof(ListBreaches))
            .WithDescription("Each breach with its due instant, how late, and retroactive when a late event revealed it. Paged. JSON, or CSV when Accept prefers text/csv. Scope reports:read.").RequiresScope(Scopes.ReportsRead)
            .WithSummary("The clocks that breached in [from, to), oldest first, with how late and whether retroactive; paged.")
            .Produces<BreachesReportDto>(StatusCodes.Status200OK, "application/json", CsvReport.ContentType).WithProblems();
        reports.MapGet("/credits", GetCreditsReport).WithName(nameof(GetCreditsReport))
            .WithDescription("month is yyyy-MM, in each agreement's own timeZone or else the one given (UTC when absent). Each rule earns a percent of the monthly charge (the fee plus the response tier's surcharge) or an amount per breach, or a compliance tier's percent; capped per rule and per agreement. JSON, or CSV when Accept prefers text/csv. Scope reports:read.").RequiresScope(Scopes.ReportsRead)
            .WithSummary("Service credits for a month: per agreement and credit rule, the breaches, the credit, the caps applied and the total.")
            .Produces<CreditsReportDto>(StatusCodes.Status200OK, "application/json", CsvReport.ContentType).WithProblems();
        reports.MapGet("/disputes", GetDisputesReport).WithName(nameof(GetDisputesReport))
            .WithDescription("Disputes raised in [from, to) per agreement and month of timeZone (UTC when absent), by where they stand now. JSON, or CSV when Accept prefers text/csv. Scope reports:read.").RequiresScope(Scopes.ReportsRead)
            .WithSummary("Disputes per agreement and month: raised, open, upheld and rejected.")
            .Produces<DisputesReportDto>(StatusCodes.Status200OK, "application/json", CsvReport.ContentType).WithProblems();
        reports.MapGet("/pauses", GetPausesReport).WithName(nameof(GetPausesReport))
            .WithDescription("Over cycles of metric (resolution when absent) stopped in [from, to): paused ÷ (counted + paused) business time, per agreement (the rows) and per reason given for the pauses, and the customers with at least minCycles cycles (1–10000, 5 when absent) whose share is an outlier by the modified z-score above 3.5. JSON, or CSV of the rows when Accept prefers text/csv. Scope reports:read.").RequiresScope(Scopes.ReportsRead)
            .WithSummary("Pause share per agreement and reason, and the customers who pause far more than the portfolio.")
            .Produces<PausesReportDto>(StatusCodes.Status200OK, "application/json", CsvReport.ContentType).WithProblems();
        reports.MapGet("/renewals", GetRenewalsReport).WithName(nameof(GetRenewalsReport))
            .WithDescription("withinDays 1–3650; earliest first, paged (pageSize ≤ 200). A customer-bound key sees its own customer's only. JSON, or CSV when Accept prefers text/csv. Scope reports:read.").RequiresScope(Scopes.ReportsRead)
            .WithSummary("Agreements whose term ends or whose renewal date falls within the next withinDays days (60 when absent).")
            .Produces<RenewalsReportDto>(StatusCodes.Status200OK, "application/json", CsvReport.ContentType).WithProblems();
        return api;
    }

    private static async Task<IResult> GetComplianceReport(
        HttpContext http, ISender sender, CancellationToken ct, DateTimeOffset? from, DateTimeOffset? to, string? timeZone, string? groupBy,
        string? period, Guid? customerId) =>
        CsvReport.Respond<ComplianceReportDto, ComplianceRowDto>(
            http, await sender.Send(new GetComplianceReportQuery(from, to, timeZone, groupBy, period, customerId), ct));

    private static async Task<IResult> GetResponseTimesReport(
        HttpContext http, ISender sender, CancellationToken ct, DateTimeOffset? from, DateTimeOffset? to, string? timeZone, string? groupBy,
        string? period, Guid? customerId) =>
        CsvReport.Respond<ResponseTimesReportDto, ResponseTimeRowDto>(
            http, await sender.Send(new GetResponseTimesReportQuery(from, to, timeZone, groupBy, period, customerId), ct));

    private static async Task<IResult> ListBreaches(
        HttpContext http, ISender sender, CancellationToken ct, DateTimeOffset? from, DateTimeOffset? to, string? timeZone, string? groupBy,
        string? period, Guid? customerId, int? page, int? pageSize) =>
        CsvReport.Respond<BreachesReportDto, BreachRowDto>(
            http, await sender.Send(new ListBreachesQuery(from, to, timeZone, groupBy, period, customerId,
                new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize)), ct));

    private static async Task<IResult> GetCreditsReport(
        HttpContext http, ISender sender, CancellationToken ct, string? month, string? timeZone, Guid? customerId) =>
        CsvReport.Respond<CreditsReportDto, CreditRowDto>(http, await sender.Send(new GetCreditsReportQuery(month, timeZone, customerId), ct));

    private static async Task<IResult> GetDisputesReport(
        HttpContext http, ISender sender, CancellationToken ct, DateTimeOffset? from, DateTimeOffset? to, string? timeZone, Guid? customerId) =>
        CsvReport.Respond<DisputesReportDto, DisputeCountRowDto>(http, await sender.Send(new GetDisputesReportQuery(from, to, timeZone, customerId), ct));

    private static async Task<IResult> GetPausesReport(
        HttpContext http, ISender sender, CancellationToken ct, DateTimeOffset? from, DateTimeOffset? to, string? metric, Guid? customerId, int? minCycles) =>
        CsvReport.Respond<PausesReportDto, PauseShareRowDto>(http, await sender.Send(new GetPausesReportQuery(from, to, metric, customerId, minCycles), ct));

    private static async Task<IResult> GetRenewalsReport(HttpContext http, ISender sender, CancellationToken ct, int? withinDays, int? page, int? pageSize) =>
        CsvReport.Respond<RenewalsReportDto, RenewalRowDto>(http, await sender.Send(new GetRenewalsReportQuery(withinDays ?? DefaultRenewalDays,
            new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize)), ct));
}
