namespace SlaApi.Application.Simulations;

/// <summary>Tells the simulation runner that a simulation waits, so it need not wait for its next poll.</summary>
public interface ISimulationQueue
{
    void Notify();
}
