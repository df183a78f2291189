using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SlaApi.Api.Contracts.V1;
using SlaApi.Application.Agreements;
using SlaApi.Application.Agreements.GetAgreement;
using SlaApi.Application.Agreements.GetAgreementDocument;
using SlaApi.Application.Agreements.GetRefreshAdvice;
using SlaApi.Application.Agreements.ListAgreements;
using SlaApi.Application.Agreements.ListExpiringAgreements;
using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Access;

namespace SlaApi.Api.Endpoints;

public static class AgreementEndpoints
{
    private const int DefaultExpiringWithinDays = 30;
    private const int DefaultAdviceMonths = 3;
    private const decimal DefaultComplianceBelow = 95m;
    private const decimal DefaultMarginPercent = 50m;
    private const int DefaultRenewalDays = 60;

    public static IEndpointRouteBuilder MapAgreementEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/agreements").WithTags("Agreements");
        group.MapPost("/", ConcludeAgreement).WithName(nameof(ConcludeAgreement))
            .WithDescription("Binds a customer to a policy version for a term [effectiveFrom, effectiveTo), for the covered services, with the monthly fee and the service-credit rules. Incidents opened in the term bind to it. Scope definitions:write.").RequiresScope(Scopes.DefinitionsWrite)
            .WithSummary("Conclude an agreement binding a customer to a policy; it starts at version 1.").WithProblems(409, 415);
        group.MapGet("/", ListAgreements).WithName(nameof(ListAgreements))
            .WithDescription("Paged (page, pageSize ≤ 200). Scope definitions:read (sla:read, reports:read and definitions:write read too).")
            .WithSummary("List agreements at their latest version.").RequiresScope(Scopes.DefinitionsRead).WithProblems();
        group.MapGet("/expiring", ListExpiringAgreements).WithName(nameof(ListExpiringAgreements))
            .WithDescription("For renewal work: the term ends or the renewal date falls within withinDays (1–3650, default 30), earliest first, paged (pageSize ≤ 200). A customer-bound key sees its own customer's only. Scope definitions:read (sla:read, reports:read and definitions:write read too).")
            .WithSummary("Agreements whose term ends or that renew within the next withinDays days (default 30).").RequiresScope(Scopes.DefinitionsRead).WithProblems();
        group.MapGet("/refresh-advice", GetRefreshAdvice).WithName(nameof(GetRefreshAdvice))
            .WithDescription("For each agreement whose term has not ended (paged, pageSize ≤ 200), over the last months whole UTC months (2–24, 3 when absent): new-service (incidents for services it does not cover), struggling (the last month's compliance below complianceBelow, 95 when absent, or falling every month), disputes-rising (at least 2 in the last month, more than in any month before), over-delivering (every month met in full with clocks using at most 100 − marginPercent % of their target on average, marginPercent 50 when absent) and term-ending (the term's end or the renewal date within withinDays, 60 when absent), each with a summary, and the months, services and target use they were decided from. Scope reports:read.")
            .RequiresScope(Scopes.ReportsRead)
            .WithSummary("Which agreements need rewriting, and why.").WithProblems();
        group.MapGet("/{id:guid}", GetAgreement).WithName(nameof(GetAgreement))
            .WithDescription("The ETag is the version, for If-Match on revision.")
            .WithSummary("Read the latest version of an agreement.").RequiresScope(Scopes.DefinitionsRead).WithProblems(404);
        group.MapGet("/{id:guid}/versions/{version:int}", GetAgreementVersion).WithName(nameof(GetAgreementVersion))
            .WithDescription("Any version ever stored.")
            .WithSummary("Read one version of an agreement.").RequiresScope(Scopes.DefinitionsRead).WithProblems(404);
        group.MapGet("/{id:guid}/document", GetAgreementDocument).WithName(nameof(GetAgreementDocument))
            .WithDescription("The SLA schedule in plain words: parties, term and renewal, fee and payment, covered services, exclusions, customer responsibilities, coverage hours and holidays, targets per priority, pauses, how performance is measured, service credits with worked examples, escalation. Written from the latest version and the policy and calendar versions in force now. Accept: text/markdown (the default) or text/html; 406 otherwise. Scope definitions:read (sla:read, reports:read and definitions:write read too).")
            .WithSummary("The agreement's SLA document, as Markdown or HTML.")
            .Produces<string>(StatusCodes.Status200OK, AgreementDocumentResult.Markdown, AgreementDocumentResult.Html).RequiresScope(Scopes.DefinitionsRead).WithProblems(404, 406);
        group.MapGet("/{id:guid}/versions/{version:int}/document", GetAgreementVersionDocument).WithName(nameof(GetAgreementVersionDocument))
            .WithDescription("As the agreement's document, for one version, written with the policy and calendar versions in force when that version took effect.")
            .WithSummary("The SLA document of one agreement version, as Markdown or HTML.")
            .Produces<string>(StatusCodes.Status200OK, AgreementDocumentResult.Markdown, AgreementDocumentResult.Html).RequiresScope(Scopes.DefinitionsRead).WithProblems(404, 406);
        group.MapPut("/{id:guid}", ReviseAgreement).WithName(nameof(ReviseAgreement))
            .WithDescription("Stores the next version; incidents opened from now on bind to it. 428 without If-Match, 412 when another revision came first. Scope definitions:write.").RequiresScope(Scopes.DefinitionsWrite)
            .WithSummary("Revise an agreement: stores the next version. Send If-Match with the version you edited.")
            .WithProblems(404, 409, 412, 415, 428);
        return api;
    }

    private static async Task<Created<AgreementDto>> ConcludeAgreement(AgreementRequest request, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var agreement = await sender.Send(request.ToConcludeCommand(), ct);
        IfMatch.SetETag(response, agreement.Version);
        return TypedResults.Created($"/api/v1/agreements/{agreement.Id}", agreement);
    }

    private static async Task<Ok<Page<AgreementDto>>> ListAgreements(ISender sender, CancellationToken ct, int? page, int? pageSize) =>
        TypedResults.Ok(await sender.Send(new ListAgreementsQuery(new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize)), ct));

    private static async Task<Ok<Page<AgreementDto>>> ListExpiringAgreements(ISender sender, CancellationToken ct, int? withinDays, int? page, int? pageSize) =>
        TypedResults.Ok(await sender.Send(new ListExpiringAgreementsQuery(withinDays ?? DefaultExpiringWithinDays,
            new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize)), ct));

    private static async Task<Ok<RefreshAdviceDto>> GetRefreshAdvice(
        ISender sender, CancellationToken ct, int? months, decimal? complianceBelow, decimal? marginPercent, int? withinDays, int? page, int? pageSize) =>
        TypedResults.Ok(await sender.Send(new GetRefreshAdviceQuery(months ?? DefaultAdviceMonths, complianceBelow ?? DefaultComplianceBelow,
            marginPercent ?? DefaultMarginPercent, withinDays ?? DefaultRenewalDays, new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize)), ct));

    private static async Task<Ok<AgreementDto>> GetAgreement(Guid id, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var agreement = await sender.Send(new GetAgreementQuery(id, null), ct);
        IfMatch.SetETag(response, agreement.Version);
        return TypedResults.Ok(agreement);
    }

    private static async Task<Ok<AgreementDto>> GetAgreementVersion(Guid id, int version, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetAgreementQuery(id, version), ct));

    private static async Task<IResult> GetAgreementDocument(Guid id, ISender sender, HttpRequest request, CancellationToken ct) =>
        AgreementDocumentResult.Respond(request, await sender.Send(new GetAgreementDocumentQuery(id, null), ct));

    private static async Task<IResult> GetAgreementVersionDocument(Guid id, int version, ISender sender, HttpRequest request, CancellationToken ct) =>
        AgreementDocumentResult.Respond(request, await sender.Send(new GetAgreementDocumentQuery(id, version), ct));

    private static async Task<Ok<AgreementDto>> ReviseAgreement(
        Guid id, AgreementRequest request, ISender sender, HttpRequest httpRequest, HttpResponse response, CancellationToken ct)
    {
        var agreement = await sender.Send(request.ToReviseCommand(id, IfMatch.ExpectedVersion(httpRequest)), ct);
        IfMatch.SetETag(response, agreement.Version);
        return TypedResults.Ok(agreement);
    }
}
