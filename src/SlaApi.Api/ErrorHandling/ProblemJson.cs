using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace SlaApi.Api.ErrorHandling;

/// <summary>
/// Errors are application/problem+json whatever the request accepts. The problem details service writes only for
/// an Accept header that admits JSON; for any other (a browser's text/html, a spreadsheet's text/csv) this writes it.
/// </summary>
public static class ProblemJson
{
    public static Task WriteAsync(HttpContext httpContext, ProblemDetails problem) =>
        TypedResults.Problem(problem).ExecuteAsync(httpContext);

    /// <summary>Status-code pages (unknown route, wrong method, an endpoint's bare status) as problems.</summary>
    public static Task WriteStatusAsync(StatusCodeContext context) =>
        WriteAsync(context.HttpContext, new ProblemDetails { Status = context.HttpContext.Response.StatusCode });
}
