using FluentValidation;
using SlaApi.Application.Calendars;
using SlaApi.Application.Common.Validation;
using SlaApi.Domain.Policies;
using SlaApi.Domain.Teams;

namespace SlaApi.Application.Teams;

/// <summary>A team's OLA for one priority, in business minutes of the team's calendar.</summary>
public sealed record OlaTargetDto(int Priority, int AcknowledgeMinutes, int ResolveMinutes)
{
    public OlaTarget ToTarget() => new(Priority, AcknowledgeMinutes, ResolveMinutes);

    public static OlaTargetDto From(OlaTarget t) => new(t.Priority, t.AcknowledgeMinutes, t.ResolveMinutes);
}

public sealed record TeamDto(
    Guid Id, int Version, string Name, Guid CalendarId, string? Vendor, IReadOnlyList<OlaTargetDto> OlaTargets, DateTimeOffset VersionEffectiveFrom)
{
    public static TeamDto From(Team team) => new(
        team.Id, team.Version, team.Name, team.CalendarId, team.Vendor, team.OlaTargets.Select(OlaTargetDto.From).ToArray(), team.VersionEffectiveFrom);
}

/// <summary>The fields shared by the commands that define and revise a team.</summary>
public interface ITeamDefinition
{
    string Name { get; }

    Guid CalendarId { get; }

    string? Vendor { get; }

    IReadOnlyList<OlaTargetDto>? OlaTargets { get; }
}

public static class TeamDefinitionExtensions
{
    public static TeamTerms ToTerms(this ITeamDefinition definition) =>
        new(definition.Name, definition.CalendarId, definition.Vendor, (definition.OlaTargets ?? []).Select(t => t.ToTarget()).ToArray());
}

public abstract class TeamDefinitionValidator<T> : AbstractValidator<T> where T : ITeamDefinition
{
    protected TeamDefinitionValidator(ICalendarRepository calendars)
    {
        RuleFor(t => t.Name).ValidName(Team.NameMaxLength);
        RuleFor(t => t.Vendor!).ValidName(Team.NameMaxLength).When(t => t.Vendor is not null);
        RuleFor(t => t.CalendarId).NotEmpty()
            .MustAsync(async (id, ct) => (await calendars.FindExistingAsync([id], ct)).Contains(id))
            .WithMessage(t => $"Calendar '{t.CalendarId}' does not exist.").When(t => t.CalendarId != Guid.Empty);
        RuleFor(t => t.OlaTargets)
            .Must(o => o is null || o.Count <= PriorityTarget.LowestPriority).WithMessage("At most one OLA target for each of the 5 priorities.")
            .Must(o => o is null || o.Where(x => x is not null).GroupBy(x => x.Priority).All(g => g.Count() == 1)).WithMessage("Each priority may have only one OLA target.");
        RuleForEach(t => t.OlaTargets).PresentItem().ChildRules(target =>
        {
            target.RuleFor(o => o.Priority).InclusiveBetween(PriorityTarget.HighestPriority, PriorityTarget.LowestPriority);
            target.RuleFor(o => o.AcknowledgeMinutes).InclusiveBetween(1, RuleBuilderExtensions.MaxMinutes);
            target.RuleFor(o => o.ResolveMinutes).InclusiveBetween(1, RuleBuilderExtensions.MaxMinutes)
                .GreaterThanOrEqualTo(o => o.AcknowledgeMinutes).WithMessage("'resolveMinutes' must be at least 'acknowledgeMinutes'.");
        });
    }
}
