using SlaApi.Api;
using SlaApi.Application;
using SlaApi.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddApplication().AddInfrastructure(builder.Configuration).AddApi(builder.Configuration);
var app = builder.Build();

if (await CommandLine.TryRunAsync(app, args))
    return;

app.UseApi();
app.Run();

public partial class Program;
