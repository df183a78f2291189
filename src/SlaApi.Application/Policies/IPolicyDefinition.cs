using FluentValidation;
using SlaApi.Application.Calendars;
using SlaApi.Application.Common.Validation;
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
        definition.ReopenWindowMinutes ?? SlaPolicy.DefaultReopenWindowMinutes);
}

public abstract class PolicyDefinitionValidator<T> : AbstractValidator<T>
    where T : IPolicyDefinition
{
    public const int MaxPauseStatuses = 20;
    public const int MaxWarningThresholds = 10;

    protected PolicyDefinitionValidator(ICalendarRepository calendars)
    {
        RuleFor(p => p.Name).ValidName(SlaPolicy.NameMaxLength);
        RuleFor(p => p.CalendarId).NotEmpty();
        RuleFor(p => p.Targets).NotEmpty()
            .Must(t => t.Count <= PriorityTarget.LowestPriority).WithMessage("A policy has at most one target for each of the 5 priorities.")
            .Must(t => t.Where(x => x is not null).GroupBy(x => x.Priority).All(g => g.Count() == 1)).WithMessage("Each priority may have only one target.");
        RuleForEach(p => p.Targets).PresentItem().ChildRules(target =>
        {
            target.RuleFor(t => t.Priority).InclusiveBetween(PriorityTarget.HighestPriority, PriorityTarget.LowestPriority);
            target.RuleFor(t => t.ResponseMinutes).InclusiveBetween(1, RuleBuilderExtensions.MaxMinutes);
            target.RuleFor(t => t.ResolutionMinutes).InclusiveBetween(1, RuleBuilderExtensions.MaxMinutes)
                .GreaterThanOrEqualTo(t => t.ResponseMinutes).WithMessage("'resolutionMinutes' must be at least 'responseMinutes'.");
            target.RuleFor(t => t.UpdateMinutes).InclusiveBetween(1, RuleBuilderExtensions.MaxMinutes);
            target.RuleFor(t => t.CalendarId).NotEqual(Guid.Empty);
        });
        RuleFor(p => p.PauseStatuses).Must(s => s is null || s.Count <= MaxPauseStatuses)
            .WithMessage($"A policy may list at most {MaxPauseStatuses} pause statuses.");
        RuleForEach(p => p.PauseStatuses).Code(50);
        RuleFor(p => p.WarningThresholds)
            .Must(t => t is null || t.Count <= MaxWarningThresholds).WithMessage($"At most {MaxWarningThresholds} warning thresholds.")
            .Must(t => t is null || t.Zip(t.Skip(1)).All(pair => pair.First < pair.Second)).WithMessage("Warning thresholds must be in ascending order, each once.");
        RuleForEach(p => p.WarningThresholds).InclusiveBetween(1, 99);
        RuleFor(p => p.ReopenWindowMinutes).InclusiveBetween(0, RuleBuilderExtensions.MaxMinutes);

        RuleFor(p => p).CustomAsync(async (definition, context, ct) =>
        {
            var named = NamedCalendars(definition).ToArray();
            if (named.Length == 0)
                return;
            var existing = await calendars.FindExistingAsync(named.Select(n => n.Id).Distinct().ToArray(), ct);
            foreach (var (field, id) in named.Where(n => !existing.Contains(n.Id)))
                context.AddFailure(field, $"Calendar '{id}' does not exist.");
        }).When(p => p.Targets is not null);
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
    }
}
