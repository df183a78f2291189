using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace SlaApi.Api.FunctionalTests.Contract;

/// <summary>
/// Put first in the test servers' pipeline: holds each response back, checks it with the <see cref="ContractValidator"/>,
/// and answers a response that breaks the contract with a 500 naming the violation, so the test that caused it fails.
/// </summary>
public sealed class ContractValidationStartupFilter : IStartupFilter
{
    public const string ViolationHeader = "X-Contract-Violation";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(CheckAsync);
        next(app);
    };

    private static async Task CheckAsync(HttpContext context, RequestDelegate next)
    {
        // An event stream does not end while its client listens, so it cannot be held back; the stream tests read its events.
        if (context.Request.Path.Value?.EndsWith("/alerts/stream", StringComparison.Ordinal) == true)
        {
            await next(context);
            return;
        }
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var body = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var violation = ContractValidator.Instance.Check(
            context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode, context.Response.ContentType, body);
        if (violation is null)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original);
            return;
        }
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.Headers[ViolationHeader] = "true";
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync($"Contract violation: {violation}\n\nBody:\n{body}");
    }
}
