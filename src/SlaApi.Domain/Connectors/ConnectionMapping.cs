using SlaApi.Domain.Policies;

namespace SlaApi.Domain.Connectors;

/// <summary>
/// How a tool's values become SlaApi's: its priorities (by id or name) to 1–5, its statuses to our status names or
/// the reserved <see cref="Resolved"/> and <see cref="Closed"/>, the boards or queues whose tickets count (all when
/// empty), the service the incidents are for, and the tool's teams or queues (by id or name) to SlaApi's teams. An RMM's
/// severities map to priorities by default.
/// </summary>
public sealed record ConnectionMapping(
    IReadOnlyDictionary<string, int> Priorities,
    IReadOnlyDictionary<string, string> Statuses,
    IReadOnlyList<string> Boards,
    string? ServiceCode,
    IReadOnlyDictionary<string, Guid>? Teams = null)
{
    public IReadOnlyDictionary<string, Guid> Teams { get; init; } = Teams ?? new Dictionary<string, Guid>();

    public const string Resolved = "resolved";
    public const string Closed = "closed";
    public const int MaxEntries = 200;
    public const int ValueMaxLength = 100;

    public static readonly ConnectionMapping Empty = new(new Dictionary<string, int>(), new Dictionary<string, string>(), [], null);

    private static readonly Dictionary<string, int> NinjaSeverities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CRITICAL"] = 1, ["MAJOR"] = 2, ["MODERATE"] = 3, ["MINOR"] = 4, ["NONE"] = 5,
    };

    private static readonly Dictionary<string, int> DattoPriorities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Critical"] = 1, ["High"] = 2, ["Moderate"] = 3, ["Low"] = 4, ["Information"] = 5,
    };

    public int? PriorityOf(ConnectorKind kind, IReadOnlyList<string> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (Priorities.TryGetValue(candidate, out var mapped))
                return mapped;
        }
        var defaults = kind switch
        {
            ConnectorKind.NinjaOne => NinjaSeverities,
            ConnectorKind.DattoRmm => DattoPriorities,
            _ => null,
        };
        foreach (var candidate in candidates)
        {
            if (defaults is not null && defaults.TryGetValue(candidate, out var fallback))
                return fallback;
        }
        return null;
    }

    public string? StatusOf(IReadOnlyList<string> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (Statuses.TryGetValue(candidate, out var mapped))
                return mapped;
        }
        return null;
    }

    /// <summary>The team the first candidate with a mapping names; null when none has one.</summary>
    public Guid? TeamOf(IReadOnlyList<string> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (Teams.TryGetValue(candidate, out var team))
                return team;
        }
        return null;
    }

    public bool Admits(IReadOnlyList<string> boards) =>
        Boards.Count == 0 || boards.Any(b => Boards.Contains(b, StringComparer.OrdinalIgnoreCase));

    public static bool IsValidPriority(int priority) => priority is >= PriorityTarget.HighestPriority and <= PriorityTarget.LowestPriority;
}
