using SlaApi.Api;
using SlaApi.Application;
using SlaApi.Infrastructure;
using SlaApi.Infrastructure.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddApplication().AddInfrastructure(builder.Configuration).AddApi();
var app = builder.Build();

if (args.FirstOrDefault() == "migrate")
{
    app.Services.GetRequiredService<DatabaseMigrator>().Migrate();
    return;
}

app.UseApi();
app.Run();

public partial class Program;
