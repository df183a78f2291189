using FluentValidation;
using Mediator;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Paging;
using SlaApi.Application.Common.Validation;
using SlaApi.Application.Simulations.GetSimulation;

namespace SlaApi.Application.Simulations.ListSimulationFlips;

/// <summary>The clock cycles a completed simulation turns round, in the order the incidents were replayed.</summary>
public sealed record ListSimulationFlipsQuery(Guid Id, PageRequest Page) : IQuery<Page<FlipDto>>;

public sealed class ListSimulationFlipsValidator : AbstractValidator<ListSimulationFlipsQuery>
{
    public ListSimulationFlipsValidator() => this.ValidPage(q => q.Page);
}

public sealed class ListSimulationFlipsHandler(ISimulationRepository simulations, ICallerContext caller) : IQueryHandler<ListSimulationFlipsQuery, Page<FlipDto>>
{
    public async ValueTask<Page<FlipDto>> Handle(ListSimulationFlipsQuery query, CancellationToken ct)
    {
        await SimulationAccess.FindAsync(simulations, caller, query.Id, ct);
        return (await simulations.FlipsAsync(query.Id, query.Page, ct)).Map(SimulationMapping.ToDto);
    }
}
