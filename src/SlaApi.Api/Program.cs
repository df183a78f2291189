using Microsoft.Extensions.Logging.Console;
using SlaApi.Api;
using SlaApi.Application;
using SlaApi.Infrastructure;

// The application's own directory, not the working directory: a service manager starts it from anywhere, and its
// appsettings.json (JSON logs, the defaults) must be read all the same.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Host.UseSystemd().UseWindowsService();
// Under systemd the host switches the console to systemd's format; the configured formatter (JSON lines) stays.
builder.Services.PostConfigure<ConsoleLoggerOptions>(options =>
    options.FormatterName = builder.Configuration["Logging:Console:FormatterName"] ?? options.FormatterName);
builder.Services.AddApplication().AddInfrastructure(builder.Configuration).AddApi(builder.Configuration);
var app = builder.Build();

if (await CommandLine.TryRunAsync(app, args))
    return;

app.UseApi();
app.Run();

public partial class Program;
