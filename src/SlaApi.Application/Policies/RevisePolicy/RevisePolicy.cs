using FluentValidation;
using Mediator;
using SlaApi.Application.Calendars;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Teams;

namespace SlaApi.Application.Policies.RevisePolicy;

public sealed record RevisePolicyCommand(
    Guid Id,
    int ExpectedVersion,
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

public sealed class RevisePolicyValidator : PolicyDefinitionValidator<RevisePolicyCommand>
{
    public RevisePolicyValidator(ICalendarRepository calendars, ITeamRepository teams)
        : base(calendars, teams) => RuleFor(c => c.ExpectedVersion).GreaterThanOrEqualTo(1).OverridePropertyName("If-Match");
}

public sealed class RevisePolicyHandler(ISlaPolicyRepository policies, EscalationWarnings warnings, TimeProvider time) : ICommandHandler<RevisePolicyCommand, PolicyDto>
{
    public async ValueTask<PolicyDto> Handle(RevisePolicyCommand command, CancellationToken ct)
    {
        var current = await policies.GetAsync(command.Id, null, ct) ?? throw new NotFoundException("Policy", command.Id);
        if (current.Version != command.ExpectedVersion)
            throw new PreconditionFailedException("Policy", command.Id, command.ExpectedVersion, current.Version);

        var revised = current.Revise(command.ToTerms(), time.GetUtcNow());
        if (!await policies.AddVersionAsync(revised, ct))
            throw new PreconditionFailedException("Policy", command.Id, command.ExpectedVersion, revised.Version);
        return PolicyDto.From(revised, await warnings.OfAsync(revised, ct));
    }
}
