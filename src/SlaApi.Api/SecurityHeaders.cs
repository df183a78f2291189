namespace SlaApi.Api;

/// <summary>
/// API answers are data for one caller: never sniffed, framed or cached. The Swagger UI and the dashboard are the
/// pages a browser renders; they load only their own scripts (neither has an inline script) and talk only to this
/// origin, and the dashboard has no inline style either.
/// </summary>
public static class SecurityHeaders
{
    public static WebApplication UseResponseSecurityHeaders(this WebApplication app)
    {
        app.UseWhen(IsSwagger, ui => ui.UseSecurityHeaders(PagePolicy(inlineStyles: true)));
        app.UseWhen(IsDashboard, ui => ui.UseSecurityHeaders(PagePolicy(inlineStyles: false)));
        app.UseWhen(context => !IsSwagger(context) && !IsDashboard(context), api => api.UseSecurityHeaders(new HeaderPolicyCollection()
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

    /// <param name="inlineStyles">The Swagger UI sets styles inline; the dashboard does not.</param>
    private static HeaderPolicyCollection PagePolicy(bool inlineStyles) => new HeaderPolicyCollection()
        .AddContentTypeOptionsNoSniff()
        .AddFrameOptionsDeny()
        .AddReferrerPolicyNoReferrer()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().None();
            csp.AddScriptSrc().Self();
            var styles = csp.AddStyleSrc().Self();
            if (inlineStyles)
                styles.UnsafeInline();
            csp.AddImgSrc().Self().Data();
            csp.AddConnectSrc().Self();
            csp.AddFrameAncestors().None();
            csp.AddBaseUri().None();
            csp.AddFormAction().None();
        });

    private static bool IsSwagger(HttpContext context) => context.Request.Path.StartsWithSegments("/swagger");

    private static bool IsDashboard(HttpContext context) => context.Request.Path.StartsWithSegments(Dashboard.Path);
}
