using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Api;

/// <summary>
/// <c>Swagger:Enabled</c>. When unset, the UI and the document are served in Development and on the embedded SQLite
/// database (a developer's machine), and not on a server database, where an operator turns them on deliberately.
/// </summary>
public static class SwaggerSettings
{
    public static bool IsEnabled(WebApplication app) =>
        app.Configuration.GetValue<bool?>("Swagger:Enabled")
        ?? (app.Environment.IsDevelopment() || app.Services.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Sqlite);
}
