using Mediator;
using SlaApi.Application.Access.CreateApiKey;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Incidents.UpgradeRules;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Api;

/// <summary>
/// Commands for operators: <c>migrate</c>, <c>rules-upgrade</c> and
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
            case ["rules-upgrade"]:
                await UpgradeRulesAsync(app);
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

    /// <summary>
    /// Replays every stored incident under the current rules of meaning, a batch per transaction, and prints how many
    /// verdicts changed per agreement, UTC month and metric (CSV on standard output, a summary on standard error). The API must not run meanwhile:
    /// its cached copies of incidents would not see the replay.
    /// </summary>
    private static async Task UpgradeRulesAsync(WebApplication app)
    {
        if (app.Services.GetRequiredService<DatabaseOptions>().MigrateOnStartup)
            app.Services.GetRequiredService<DatabaseMigrator>().Migrate();
        var shifts = new Dictionary<(Guid, NodaTime.YearMonth, string), VerdictShiftDto>();
        var (replayed, after) = (0L, (Guid?)null);
        while (true)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var batch = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReplayUnderCurrentRulesCommand(after, RulesUpgradeBatch));
            if (batch.Last is null)
                break;
            (replayed, after) = (replayed + batch.Replayed, batch.Last);
            foreach (var shift in batch.Shifts)
            {
                var key = (shift.AgreementId, shift.Month, shift.Metric);
                shifts[key] = shifts.TryGetValue(key, out var sum)
                    ? sum with
                    {
                        MetToBreached = sum.MetToBreached + shift.MetToBreached,
                        BreachedToMet = sum.BreachedToMet + shift.BreachedToMet,
                        SettledNow = sum.SettledNow + shift.SettledNow,
                        SettledBefore = sum.SettledBefore + shift.SettledBefore,
                    }
                    : shift;
            }
        }
        var changed = shifts.Values.Sum(s => (long)s.MetToBreached + s.BreachedToMet + s.SettledNow + s.SettledBefore);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RecordRulesUpgradeCommand(replayed, changed));

        Console.Error.WriteLine($"Replayed {replayed} incidents under rules version {SlaApi.Domain.Incidents.RulesUpgrade.RulesVersion}: {changed} verdicts changed.");
        Console.WriteLine("agreementId,month,metric,metToBreached,breachedToMet,settledNow,settledBefore");
        foreach (var s in shifts.Values.OrderBy(s => s.AgreementId).ThenBy(s => s.Month).ThenBy(s => s.Metric, StringComparer.Ordinal))
            Console.WriteLine(FormattableString.Invariant(
                $"{s.AgreementId},{s.Month.Year:D4}-{s.Month.Month:D2},{s.Metric},{s.MetToBreached},{s.BreachedToMet},{s.SettledNow},{s.SettledBefore}"));
    }

    private const int RulesUpgradeBatch = 500;

    private static Dictionary<string, string> Options(IReadOnlyList<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
            options[args[i].TrimStart('-')] = args[i + 1];
        return options;
    }
}
