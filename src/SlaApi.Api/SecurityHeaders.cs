namespace SlaApi.Api;

/// <summary>
/// API answers are data for one caller: never sniffed, framed or cached. The Swagger UI is the one page a browser
/// renders; it loads only its own scripts (it has no inline script) and talks only to this origin.
/// </summary>
public static class SecurityHeaders
{
    public static WebApplication UseResponseSecurityHeaders(this WebApplication app)
    {
        app.UseWhen(IsSwagger, ui => ui.UseSecurityHeaders(new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddFrameOptionsDeny()
            .AddReferrerPolicyNoReferrer()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().None();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self().UnsafeInline();
                csp.AddImgSrc().Self().Data();
                csp.AddConnectSrc().Self();
                csp.AddFrameAncestors().None();
                csp.AddBaseUri().None();
                csp.AddFormAction().None();
            })));
        app.UseWhen(context => !IsSwagger(context), api => api.UseSecurityHeaders(new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddFrameOptionsDeny()
            .AddReferrerPolicyNoReferrer()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().None();
                csp.AddFrameAncestors().None();
            })
            .AddCustomHeader("Cache-Control", "no-store")));
        return app;
    }

    private static bool IsSwagger(HttpContext context) => context.Request.Path.StartsWithSegments("/swagger");
}
