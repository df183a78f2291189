using Mediator;
using SlaApi.Application.Calendars;
using SlaApi.Application.Teams;
using SlaApi.Domain.Policies;

namespace SlaApi.Application.Policies.DefinePolicy;

public sealed record DefinePolicyCommand(
    string Name,
    Guid CalendarId,
    IReadOnlyList<PriorityTargetDto> Targets,
    IReadOnlyList<string>? PauseStatuses,
    bool? PauseResponse,
    IReadOnlyList<int>? WarningThresholds,
    int? ReopenWindowMinutes,
    IReadOnlyList<ResponseTierDto>? ResponseTiers,
    int? MaxPauseMinutes,
    IReadOnlyList<string>? PauseReasons,
    IReadOnlyList<Guid>? EscalationPath = null) : ICommand<PolicyDto>, IPolicyDefinition;

public sealed class DefinePolicyValidator(ICalendarRepository calendars, ITeamRepository teams) : PolicyDefinitionValidator<DefinePolicyCommand>(calendars, teams);

public sealed class DefinePolicyHandler(ISlaPolicyRepository policies, EscalationWarnings warnings, TimeProvider time) : ICommandHandler<DefinePolicyCommand, PolicyDto>
{
    public async ValueTask<PolicyDto> Handle(DefinePolicyCommand command, CancellationToken ct)
    {
        var policy = SlaPolicy.Define(command.ToTerms(), time.GetUtcNow());
        await policies.AddAsync(policy, ct);
        return PolicyDto.From(policy, await warnings.OfAsync(policy, ct));
    }
}
