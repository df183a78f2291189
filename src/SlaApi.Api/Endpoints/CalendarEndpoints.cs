using Mediator;
using SlaApi.Domain.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using SlaApi.Api.Contracts.V1;
using SlaApi.Application.Calendars;
using SlaApi.Application.Calendars.CalculateBusinessTime;
using SlaApi.Application.Calendars.CalculateDueDate;
using SlaApi.Application.Calendars.GetCalendar;
using SlaApi.Application.Calendars.ListCalendars;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Calendars;

namespace SlaApi.Api.Endpoints;

public static class CalendarEndpoints
{
    private const string BuiltInAlias = "24x7";

    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/calendars").WithTags("Calendars");
        group.MapPost("/", DefineCalendar).WithName(nameof(DefineCalendar))
            .WithDescription("A calendar is an IANA time zone, up to 12 opening intervals per weekday, and dated holidays. It is never edited in place: a revision stores version 2, 3, and so on, and clocks keep the version they were bound with. Scope definitions:write.").RequiresScope(Scopes.DefinitionsWrite)
            .WithSummary("Define a business calendar; it starts at version 1.").WithProblems(409, 415);
        group.MapGet("/", ListCalendars).WithName(nameof(ListCalendars))
            .WithDescription("Paged (page, pageSize ≤ 200). The built-in 24x7 calendar (id \"24x7\") comes first. Scope definitions:read (sla:read, reports:read and definitions:write read too).")
            .WithSummary("List calendars at their latest version, the built-in 24x7 first.").RequiresScope(Scopes.DefinitionsRead).WithProblems();
        group.MapGet("/{id}", GetCalendar).WithName(nameof(GetCalendar))
            .WithDescription("The response's ETag is the version; send it back as If-Match to revise. Scope definitions:read (sla:read, reports:read and definitions:write read too).")
            .WithSummary("Read the latest version of a calendar; the id may be \"24x7\" for the built-in one.").RequiresScope(Scopes.DefinitionsRead).WithProblems(404);
        group.MapGet("/{id}/versions/{version:int}", GetCalendarVersion).WithName(nameof(GetCalendarVersion))
            .WithDescription("Versions are kept for good, so a clock can always be explained by the calendar it ran on. Scope definitions:read (sla:read, reports:read and definitions:write read too).")
            .WithSummary("Read one version of a calendar.").RequiresScope(Scopes.DefinitionsRead).WithProblems(404);
        group.MapPut("/{id}", ReviseCalendar).WithName(nameof(ReviseCalendar))
            .WithDescription("Stores the next version; running clocks keep the version they were bound with. 428 without If-Match, 412 when another revision came first. Scope definitions:write.").RequiresScope(Scopes.DefinitionsWrite)
            .WithSummary("Revise a calendar: stores the next version. Send If-Match with the version you edited.")
            .WithProblems(404, 409, 412, 415, 428);
        group.MapPost("/{id}/due-date", CalculateDueDate).WithName(nameof(CalculateDueDate))
            .WithDescription("Walks the calendar's open hours and holidays, in its time zone, across DST changes. 422 when the answer lies beyond the years a calendar can be laid out for (1969–2300). Scope definitions:read (sla:read, reports:read and definitions:write read too).")
            .WithSummary("Calculator: the instant a number of business minutes after a start.").RequiresScope(Scopes.DefinitionsRead).WithProblems(404, 415, 422);
        group.MapPost("/{id}/business-time", CalculateBusinessTime).WithName(nameof(CalculateBusinessTime))
            .WithDescription("Counts the open seconds of the calendar between start and end, less the pauses given. Scope definitions:read (sla:read, reports:read and definitions:write read too).")
            .WithSummary("Calculator: business seconds between two instants, less pauses.").RequiresScope(Scopes.DefinitionsRead).WithProblems(404, 415, 422);
        return api;
    }

    private static async Task<Created<CalendarDto>> DefineCalendar(CalendarRequest request, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var calendar = await sender.Send(request.ToDefineCommand(), ct);
        IfMatch.SetETag(response, calendar.Version);
        return TypedResults.Created($"/api/v1/calendars/{calendar.Id}", calendar);
    }

    private static async Task<Ok<Page<CalendarDto>>> ListCalendars(ISender sender, CancellationToken ct, int? page, int? pageSize) =>
        TypedResults.Ok(await sender.Send(new ListCalendarsQuery(new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize)), ct));

    private static async Task<Ok<CalendarDto>> GetCalendar(string id, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var calendar = await sender.Send(new GetCalendarQuery(ParseId(id), null), ct);
        IfMatch.SetETag(response, calendar.Version);
        return TypedResults.Ok(calendar);
    }

    private static async Task<Ok<CalendarDto>> GetCalendarVersion(string id, int version, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetCalendarQuery(ParseId(id), version), ct));

    private static async Task<Ok<CalendarDto>> ReviseCalendar(
        string id, CalendarRequest request, ISender sender, HttpRequest httpRequest, HttpResponse response, CancellationToken ct)
    {
        var calendar = await sender.Send(request.ToReviseCommand(ParseId(id), IfMatch.ExpectedVersion(httpRequest)), ct);
        IfMatch.SetETag(response, calendar.Version);
        return TypedResults.Ok(calendar);
    }

    private static async Task<Ok<DueDateDto>> CalculateDueDate(string id, DueDateRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(request.ToQuery(ParseId(id)), ct));

    private static async Task<Ok<BusinessTimeDto>> CalculateBusinessTime(string id, BusinessTimeRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(request.ToQuery(ParseId(id)), ct));

    private static Guid ParseId(string id) =>
        id == BuiltInAlias ? Calendar.TwentyFourSevenId
        : Guid.TryParse(id, out var guid) ? guid
        : throw new NotFoundException("Calendar", id);
}
