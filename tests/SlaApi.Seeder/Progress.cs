using System.Diagnostics;

namespace SlaApi.Seeder;

/// <summary>What the workers have written so far, reported every <paramref name="every"/> incidents.</summary>
public sealed class Progress(int total, int every, Stopwatch clock)
{
    private readonly Lock _gate = new();
    private long _nextReport = every;

    public long Incidents { get; private set; }

    public long Events { get; private set; }

    public void Add(int incidents, int events)
    {
        lock (_gate)
        {
            Incidents += incidents;
            Events += events;
            if (Incidents < _nextReport && Incidents < total)
                return;
            _nextReport += every;
            Console.WriteLine($"{Incidents:N0} incidents, {Events:N0} events, {Incidents / clock.Elapsed.TotalSeconds:N0} incidents/s");
        }
    }
}
