using System.Data.Common;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Domain.Common;

namespace SlaApi.Api.ErrorHandling;

/// <summary>Turns the exceptions that end a request into RFC 9457 problem details; anything unexpected is a bare 500.</summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    private static readonly TimeSpan DatabaseRetryAfter = TimeSpan.FromSeconds(2);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            RequestValidationException e => new ValidationProblemDetails(e.Errors.ToDictionary(p => p.Key, p => p.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid.",
            },
            BadHttpRequestException e => Unreadable(e, httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType),
            UnprocessableException e => new ValidationProblemDetails(new Dictionary<string, string[]> { [e.Field] = [e.Message] })
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The request cannot be processed as it stands.",
            },
            NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found.", e.Message),
            UnauthenticatedException e => Problem(StatusCodes.Status401Unauthorized, "The delivery is not authentic; nothing was stored.", e.Message),
            PreconditionFailedException e => Problem(StatusCodes.Status412PreconditionFailed, "The version you edited is no longer the latest.", e.Message,
                new() { ["currentVersion"] = e.CurrentVersion }),
            NotAcceptableException e => Problem(StatusCodes.Status406NotAcceptable, "None of the media types you accept is served here.", e.Message),
            PreconditionRequiredException e => Problem(StatusCodes.Status428PreconditionRequired, "If-Match is required.", e.Message),
            TooManyRequestsException e => Problem(StatusCodes.Status429TooManyRequests, "You hold your share already; ask again later.", e.Message),
            ServiceUnavailableException e => Problem(StatusCodes.Status503ServiceUnavailable, "Nothing was recorded; send the same request again later.", e.Message),
            _ when IsDatabaseOutage(exception) => Problem(StatusCodes.Status503ServiceUnavailable, "The database cannot be reached.",
                "The request may not have taken effect; send it again later (events and openings are idempotent)."),
            BusinessRuleException e => Problem(StatusCodes.Status409Conflict, "A business rule forbids this.", e.Message,
                new(e.Details) { ["code"] = e.Code }),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred.", null);
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable && exception is not ServiceUnavailableException)
            logger.LogWarning(exception, "The database could not be reached on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests)
        {
            var retryAfter = exception switch
            {
                ServiceUnavailableException unavailable => unavailable.RetryAfter,
                TooManyRequestsException tooMany => tooMany.RetryAfter,
                _ => DatabaseRetryAfter,
            };
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (!await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }))
            await ProblemJson.WriteAsync(httpContext, problem);
        return true;
    }

    /// <summary>
    /// The database is down or going down: the driver calls the failure transient, or the server is shutting down
    /// (57P0x). Drivers wrap it at times (a transaction disposed because its connection died), so causes count too.
    /// </summary>
    private static bool IsDatabaseOutage(Exception exception) =>
        exception is DbException { IsTransient: true } or DbException { SqlState: "57P01" or "57P02" or "57P03" }
        || (exception.InnerException is { } cause && IsDatabaseOutage(cause));

    /// <summary>Body or parameter the framework could not read: malformed JSON, a wrong type, an unknown field.</summary>
    private static ProblemDetails Unreadable(BadHttpRequestException exception, Type? bodyType)
    {
        if (exception.InnerException is JsonException { Path: { } path } json)
        {
            var field = path.TrimStart('$', '.');
            return new ValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field.Length == 0 ? "body" : field] = [JsonMessage(json, field, bodyType)],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is not valid JSON for this operation.",
            };
        }
        if (UnboundParameter().Match(exception.Message) is { Success: true } unbound)
        {
            return new ValidationProblemDetails(new Dictionary<string, string[]>
            {
                [unbound.Groups["name"].Value] = [$"'{unbound.Groups["value"].Value}' is not a valid {unbound.Groups["type"].Value}."],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid.",
            };
        }
        return Problem(exception.StatusCode, "The request could not be read.", exception.Message);
    }

    [GeneratedRegex("""^Failed to bind parameter "(?:Nullable<)?(?<type>\w+)>? (?<name>\w+)" from "(?<value>.*)"\.$""")]
    private static partial Regex UnboundParameter();

    /// <summary>The serializer's message without the .NET type names it holds, which mean nothing to a caller.</summary>
    private static string JsonMessage(JsonException exception, string field, Type? bodyType)
    {
        var named = field.Length == 0 ? "body" : field;
        if (exception.Message.StartsWith("The JSON value could not be converted to ", StringComparison.Ordinal))
            return $"'{named}' must be {ExpectedJson.Describe(bodyType, field)}.";
        if (exception.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            return $"'{named}' is not a field of this request.";
        return exception.Message.Split(" Path:", 2)[0];
    }

    private static ProblemDetails Problem(int status, string title, string? detail, Dictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions ?? [])
            problem.Extensions[key] = value;
        return problem;
    }
}
