using NodaTime;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Incidents;

/// <summary>A stopped cycle's pause time per reason as its outcome row keeps it: seconds keyed by reason code, "" for none.</summary>
internal static class PauseColumn
{
    private const string NoReason = "";

    public static string Write(PauseTally tally) =>
        JsonColumn.Write(tally.ByReason.ToDictionary(r => r.Reason ?? NoReason, r => r.Time.WholeSeconds()));

    public static PauseTally Read(string json)
    {
        var byReason = JsonColumn.Read<Dictionary<string, long>>(json);
        return byReason.Count == 0 ? PauseTally.None : new PauseTally(byReason
            .Select(r => new PausedTime(r.Key == NoReason ? null : r.Key, Duration.FromSeconds(r.Value)))
            .OrderBy(r => r.Reason, StringComparer.Ordinal)
            .ToArray());
    }
}
