using NodaTime;

namespace SlaApi.Domain.Common;

public static class DurationExtensions
{
    /// <summary>Whole seconds, rounded down: the unit durations travel in on the wire.</summary>
    public static long WholeSeconds(this Duration duration) => duration.BclCompatibleTicks / TimeSpan.TicksPerSecond;
}
