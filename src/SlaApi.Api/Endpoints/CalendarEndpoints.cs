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
        group.MapPost("/", DefineCalendar).WithName(nameof(DefineCalendar)).RequiresScope(Scopes.DefinitionsWrite)
            .WithSummary("Define a business calendar; it starts at version 1.").WithProblems(409, 415);
        group.MapGet("/", ListCalendars).WithName(nameof(ListCalendars))
            .WithSummary("List calendars at their latest version, the built-in 24x7 first.").WithProblems();
        group.MapGet("/{id}", GetCalendar).WithName(nameof(GetCalendar))
            .WithSummary("Read the latest version of a calendar; the id may be \"24x7\" for the built-in one.").WithProblems(404);
        group.MapGet("/{id}/versions/{version:int}", GetCalendarVersion).WithName(nameof(GetCalendarVersion))
            .WithSummary("Read one version of a calendar.").WithProblems(404);
        group.MapPut("/{id}", ReviseCalendar).WithName(nameof(ReviseCalendar)).RequiresScope(Scopes.DefinitionsWrite)
            .WithSummary("Revise a calendar: stores the next version. Send If-Match with the version you edited.")
            .WithProblems(404, 409, 412, 415, 428);
        group.MapPost("/{id}/due-date", CalculateDueDate).WithName(nameof(CalculateDueDate))
            .WithSummary("Calculator: the instant a number of business minutes after a start.").WithProblems(404, 415);
        group.MapPost("/{id}/business-time", CalculateBusinessTime).WithName(nameof(CalculateBusinessTime))
            .WithSummary("Calculator: business seconds between two instants, less pauses.").WithProblems(404, 415);
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
