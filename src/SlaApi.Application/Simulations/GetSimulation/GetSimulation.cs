using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Simulations.GetSimulation;

public sealed record GetSimulationQuery(Guid Id) : IQuery<SimulationDto>;

public sealed class GetSimulationHandler(ISimulationRepository simulations, ICallerContext caller) : IQueryHandler<GetSimulationQuery, SimulationDto>
{
    public async ValueTask<SimulationDto> Handle(GetSimulationQuery query, CancellationToken ct) =>
        SimulationMapping.ToDto(await SimulationAccess.FindAsync(simulations, caller, query.Id, ct));
}

public static class SimulationAccess
{
    /// <summary>A simulation asked with a customer-bound key is that customer's; another customer's key finds nothing.</summary>
    public static async Task<StoredSimulation> FindAsync(ISimulationRepository simulations, ICallerContext caller, Guid id, CancellationToken ct)
    {
        var found = await simulations.GetAsync(id, ct);
        return found is not null && (caller.CustomerScope is null || found.CustomerScope == caller.CustomerScope)
            ? found
            : throw new NotFoundException("Simulation", id);
    }
}
