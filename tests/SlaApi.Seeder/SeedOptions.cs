namespace SlaApi.Seeder;

/// <summary>
/// <c>--incidents N --customers N --months N [--provider Sqlite|Postgres|SqlServer] [--connection "..."] [--batch N] [--seed N] [--workers N]</c>;
/// without a connection, a SQLite file seed.db in the working directory. Workers write in parallel, each its own
/// customers; SQLite takes one writer at a time, so more than one helps only a server database.
/// </summary>
public sealed record SeedOptions(int Incidents, int Customers, int Months, string Provider, string Connection, int BatchSize, int Seed, int Workers)
{
    public static SeedOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 == args.Length)
                throw new ArgumentException($"Expected --name value pairs; '{args[i]}' has no value. {Usage}");
            values[args[i][2..]] = args[++i];
        }
        var unknown = values.Keys.Except(["incidents", "customers", "months", "provider", "connection", "batch", "seed", "workers"], StringComparer.OrdinalIgnoreCase).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"Unknown option --{unknown[0]}. {Usage}");
        var provider = values.GetValueOrDefault("provider", "Sqlite");
        return new SeedOptions(
            Number("incidents", 10_000, 1), Number("customers", 300, 1), Number("months", 12, 1), provider,
            values.GetValueOrDefault("connection", provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) ? "Data Source=seed.db" : "")!,
            Number("batch", 2_000, 1), Number("seed", 20261125, 0), Number("workers", 1, 1));

        int Number(string name, int fallback, int minimum) =>
            !values.TryGetValue(name, out var text) ? fallback
            : int.TryParse(text, out var value) && value >= minimum ? value
            : throw new ArgumentException($"--{name} must be a whole number of at least {minimum}. {Usage}");
    }

    private const string Usage =
        "Usage: --incidents 1000000 --customers 300 --months 12 [--provider Sqlite|Postgres|SqlServer] [--connection \"...\"] [--batch 2000] [--seed 1] [--workers 1]";
}
