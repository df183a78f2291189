using Microsoft.Extensions.FileProviders;

namespace SlaApi.Api;

/// <summary>
/// The operator dashboard at <c>/dashboard</c>: static HTML, CSS and one script, embedded in the program. It holds no
/// data and needs no key to load; it reads the public API with the key the operator pastes.
/// </summary>
public static class Dashboard
{
    public const string Path = "/dashboard";

    public static WebApplication UseDashboard(this WebApplication app)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(Dashboard).Assembly, "Dashboard");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = Path,
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }
}
