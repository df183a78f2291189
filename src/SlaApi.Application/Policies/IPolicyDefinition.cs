using FluentValidation;
using SlaApi.Application.Calendars;
using SlaApi.Application.Common.Validation;
using SlaApi.Application.Teams;
using SlaApi.Domain.Incidents;
using SlaApi.Domain.Policies;

namespace SlaApi.Application.Policies;

/// <summary>The fields shared by the commands that define and revise a policy.</summary>
public interface IPolicyDefinition
{
    string Name { get; }

    Guid CalendarId { get; }

    IReadOnlyList<PriorityTargetDto> Targets { get; }

    IReadOnlyList<string>? PauseStatuses { get; }

    bool? PauseResponse { get; }

    IReadOnlyList<int>? WarningThresholds { get; }

    int? ReopenWindowMinutes { get; }

    IReadOnlyList<ResponseTierDto>? ResponseTiers { get; }

    int? MaxPauseMinutes { get; }

    IReadOnlyList<string>? PauseReasons { get; }

    IReadOnlyList<Guid>? EscalationPath { get; }
}

public static class PolicyDefinitionExtensions
{
    public static SlaPolicyTerms ToTerms(this IPolicyDefinition definition) => new(
        definition.Name,
        definition.CalendarId,
        definition.Targets.Select(t => t.ToTarget()).ToArray(),
        definition.PauseStatuses ?? [],
        definition.PauseResponse ?? false,
        definition.WarningThresholds ?? [],
        definition.ReopenWindowMinutes ?? SlaPolicy.DefaultReopenWindowMinutes,
        (definition.ResponseTiers ?? []).Select(t => t.ToTier()).ToArray(),
        definition.MaxPauseMinutes,
        definition.PauseReasons,
        definition.EscalationPath);
}

public abstract class PolicyDefinitionValidator<T> : AbstractValidator<T>
    where T : IPolicyDefinition
{
    public const int MaxPauseStatuses = 20;
    public const int MaxWarningThresholds = 10;
    public const int MaxPauseReasons = 20;
    public const int MaxResponseTiers = 5;
    public const decimal MaxSurchargePercent = 1000m;
    public const int MaxEscalationTeams = 10;

    protected PolicyDefinitionValidator(ICalendarRepository calendars, ITeamRepository teams)
    {
        RuleFor(p => p.Name).ValidName(SlaPolicy.NameMaxLength);
        RuleFor(p => p.CalendarId).NotEmpty();
        RuleFor(p => p.Targets).NotEmpty().ValidTargets();
        RuleForEach(p => p.Targets).PresentItem().SetValidator(new PriorityTargetValidator());
        RuleFor(p => p.ResponseTiers)
            .Must(t => t is null || t.Count <= MaxResponseTiers).WithMessage($"A policy may offer at most {MaxResponseTiers} response tiers.")
            .Must(t => t is null || t.Where(x => x is not null).GroupBy(x => x.Name).All(g => g.Count() == 1)).WithMessage("Each response tier needs a name of its own.");
        RuleForEach(p => p.ResponseTiers).PresentItem().ChildRules(tier =>
        {
            tier.RuleFor(t => t.Name).Code(ResponseTier.NameMaxLength);
            tier.RuleFor(t => t.MonthlySurchargePercent).InclusiveBetween(0, MaxSurchargePercent).PrecisionScale(9, 4, ignoreTrailingZeros: true);
            tier.RuleFor(t => t.Targets).NotEmpty().ValidTargets();
            tier.RuleForEach(t => t.Targets).PresentItem().SetValidator(new PriorityTargetValidator());
        });
        RuleFor(p => p.PauseStatuses).Must(s => s is null || s.Count <= MaxPauseStatuses)
            .WithMessage($"A policy may list at most {MaxPauseStatuses} pause statuses.");
        RuleForEach(p => p.PauseStatuses).Code(50);
        RuleFor(p => p.WarningThresholds)
            .Must(t => t is null || t.Count <= MaxWarningThresholds).WithMessage($"At most {MaxWarningThresholds} warning thresholds.")
            .Must(t => t is null || t.Zip(t.Skip(1)).All(pair => pair.First < pair.Second)).WithMessage("Warning thresholds must be in ascending order, each once.");
        RuleForEach(p => p.WarningThresholds).InclusiveBetween(1, 99);
        RuleFor(p => p.ReopenWindowMinutes).InclusiveBetween(0, RuleBuilderExtensions.MaxMinutes);
        RuleFor(p => p.MaxPauseMinutes).InclusiveBetween(1, RuleBuilderExtensions.MaxMinutes);
        RuleFor(p => p.PauseReasons).Must(r => r is null || r.Count <= MaxPauseReasons)
            .WithMessage($"A policy may list at most {MaxPauseReasons} pause reasons.");
        RuleForEach(p => p.PauseReasons).Code(Incident.ReasonMaxLength);
        RuleFor(p => p.EscalationPath)
            .Must(path => path is null || path.Count <= MaxEscalationTeams).WithMessage($"An escalation path names at most {MaxEscalationTeams} teams.")
            .Must(path => path is null || path.Distinct().Count() == path.Count).WithMessage("An escalation path names each team once.");
        RuleForEach(p => p.EscalationPath).NotEmpty();
        RuleFor(p => p).CustomAsync(async (definition, context, ct) =>
        {
            var path = definition.EscalationPath!;
            var existing = await teams.FindExistingAsync(path.Where(id => id != Guid.Empty).ToArray(), ct);
            for (var i = 0; i < path.Count; i++)
            {
                if (path[i] != Guid.Empty && !existing.Contains(path[i]))
                    context.AddFailure($"escalationPath[{i}]", $"Team '{path[i]}' does not exist.");
            }
        }).When(p => p.EscalationPath is { Count: > 0 and <= MaxEscalationTeams });

        RuleFor(p => p).CustomAsync(async (definition, context, ct) =>
        {
            var named = NamedCalendars(definition).ToArray();
            if (named.Length == 0)
                return;
            var existing = await calendars.FindExistingAsync(named.Select(n => n.Id).Distinct().ToArray(), ct);
            foreach (var (field, id) in named.Where(n => !existing.Contains(n.Id)))
                context.AddFailure(field, $"Calendar '{id}' does not exist.");
        }).When(p => p.Targets is not null && (p.ResponseTiers is null || p.ResponseTiers.All(t => t?.Targets is not null)));
    }

    private static IEnumerable<(string Field, Guid Id)> NamedCalendars(T definition)
    {
        if (definition.CalendarId != Guid.Empty)
            yield return ("calendarId", definition.CalendarId);
        for (var i = 0; i < definition.Targets.Count; i++)
        {
            if (definition.Targets[i]?.CalendarId is { } id && id != Guid.Empty)
                yield return ($"targets[{i}].calendarId", id);
        }
        var tiers = definition.ResponseTiers ?? [];
        for (var t = 0; t < tiers.Count; t++)
        {
            var targets = tiers[t]?.Targets ?? [];
            for (var i = 0; i < targets.Count; i++)
            {
                if (targets[i]?.CalendarId is { } id && id != Guid.Empty)
                    yield return ($"responseTiers[{t}].targets[{i}].calendarId", id);
            }
        }
    }
}

public sealed class PriorityTargetValidator : AbstractValidator<PriorityTargetDto>
{
    public PriorityTargetValidator()
    {
        RuleFor(t => t.Priority).InclusiveBetween(PriorityTarget.HighestPriority, PriorityTarget.LowestPriority);
        RuleFor(t => t.ResponseMinutes).InclusiveBetween(1, RuleBuilderExtensions.MaxMinutes);
        RuleFor(t => t.ResolutionMinutes).InclusiveBetween(1, RuleBuilderExtensions.MaxMinutes)
            .GreaterThanOrEqualTo(t => t.ResponseMinutes).WithMessage("'resolutionMinutes' must be at least 'responseMinutes'.");
        RuleFor(t => t.UpdateMinutes).InclusiveBetween(1, RuleBuilderExtensions.MaxMinutes);
        RuleFor(t => t.PlanMinutes).InclusiveBetween(1, RuleBuilderExtensions.MaxMinutes)
            .GreaterThanOrEqualTo(t => t.ResponseMinutes).WithMessage("'planMinutes' must be at least 'responseMinutes'.")
            .LessThanOrEqualTo(t => t.ResolutionMinutes).WithMessage("'planMinutes' must be at most 'resolutionMinutes'.");
        RuleFor(t => t.NextReplyMinutes).InclusiveBetween(1, RuleBuilderExtensions.MaxMinutes);
        RuleFor(t => t.CalendarId).NotEqual(Guid.Empty);
    }
}

internal static class TargetRules
{
    public static IRuleBuilderOptions<T, IReadOnlyList<PriorityTargetDto>> ValidTargets<T>(this IRuleBuilderOptions<T, IReadOnlyList<PriorityTargetDto>> rule) =>
        rule.Must(t => t.Count <= PriorityTarget.LowestPriority).WithMessage("At most one target for each of the 5 priorities.")
            .Must(t => t.Where(x => x is not null).GroupBy(x => x.Priority).All(g => g.Count() == 1)).WithMessage("Each priority may have only one target.");
}
