using Mediator;
using SlaApi.Application.Access.CreateApiKey;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Api;

/// <summary>
/// Commands for operators: <c>migrate</c>, and
/// <c>keys create --name N --scopes a,b [--customer ID] [--expires RFC3339]</c>.
/// </summary>
public static class CommandLine
{
    /// <returns>True when the arguments named a command, which has then run.</returns>
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        switch (args)
        {
            case ["migrate", ..]:
                app.Services.GetRequiredService<DatabaseMigrator>().Migrate();
                return true;
            case ["keys", "create", .. var options]:
                await CreateKeyAsync(app, Options(options));
                return true;
            default:
                return false;
        }
    }

    private static async Task CreateKeyAsync(WebApplication app, IReadOnlyDictionary<string, string> options)
    {
        if (app.Services.GetRequiredService<DatabaseOptions>().MigrateOnStartup)
            app.Services.GetRequiredService<DatabaseMigrator>().Migrate();
        var command = new CreateApiKeyCommand(
            options.GetValueOrDefault("name", ""),
            options.GetValueOrDefault("scopes", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            options.TryGetValue("customer", out var customer) && Guid.TryParse(customer, out var customerId) ? customerId : null,
            options.TryGetValue("expires", out var expires) ? DateTimeOffset.Parse(expires, System.Globalization.CultureInfo.InvariantCulture) : null);

        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            var issued = await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
            Console.WriteLine($"Created key '{issued.Details.Name}' ({string.Join(", ", issued.Details.Scopes)}). It is shown only this once:");
            Console.WriteLine(issued.Key);
        }
        catch (RequestValidationException e)
        {
            foreach (var (field, messages) in e.Errors)
                Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}");
            Environment.ExitCode = 2;
        }
    }

    private static Dictionary<string, string> Options(IReadOnlyList<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
            options[args[i].TrimStart('-')] = args[i + 1];
        return options;
    }
}
