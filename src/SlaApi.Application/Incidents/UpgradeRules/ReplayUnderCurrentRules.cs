using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents.UpgradeRules;

/// <summary>
/// Replays the next <see cref="Take"/> stored incidents after <see cref="After"/> under the current rules of meaning, in
/// one transaction, storing their clocks, outcomes and monthly counts anew and answering which verdicts changed.
/// </summary>
public sealed record ReplayUnderCurrentRulesCommand(Guid? After, int Take) : ICommand<RulesReplayBatchDto>;

/// <summary>Verdicts of one metric of one agreement in one UTC month that the replay changed.</summary>
/// <param name="SettledNow">Outcomes that count in the month only under the current rules.</param>
/// <param name="SettledBefore">Outcomes that counted in the month only under the earlier rules.</param>
public sealed record VerdictShiftDto(
    Guid AgreementId, YearMonth Month, string Metric, int MetToBreached, int BreachedToMet, int SettledNow, int SettledBefore);

/// <param name="Last">The last incident replayed, to continue after; null when there were none left.</param>
public sealed record RulesReplayBatchDto(Guid? Last, int Replayed, IReadOnlyList<VerdictShiftDto> Shifts);

public sealed class ReplayUnderCurrentRulesValidator : AbstractValidator<ReplayUnderCurrentRulesCommand>
{
    public const int MaxTake = 1_000;

    public ReplayUnderCurrentRulesValidator() => RuleFor(c => c.Take).InclusiveBetween(1, MaxTake);
}

public sealed class ReplayUnderCurrentRulesHandler(IIncidentRepository incidents, BoundSlaProvider slas, TimeProvider time)
    : ICommandHandler<ReplayUnderCurrentRulesCommand, RulesReplayBatchDto>
{
    public async ValueTask<RulesReplayBatchDto> Handle(ReplayUnderCurrentRulesCommand command, CancellationToken ct)
    {
        var ids = await incidents.IdsAfterAsync(command.After, command.Take, ct);
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var shifts = new Dictionary<(Guid Agreement, ClockMetric Metric, YearMonth Month), VerdictShift>();
        foreach (var id in ids)
        {
            await incidents.LockAsync(id, ct);
            if (await incidents.GetAsync(id, ct) is not { Binding: { } binding } incident)
                continue;
            var sla = (await slas.GetAsync(binding, ct))!;
            var evaluation = SlaReplay.Evaluate(sla, incident.History, now);
            var stored = await incidents.ReplaceReplayAsync(incident, evaluation, sla, now, ct);
            foreach (var shift in RulesUpgrade.Shifts(stored, evaluation.Outcomes, now))
            {
                var key = (binding.AgreementId, shift.Metric, shift.Month);
                shifts[key] = shifts.TryGetValue(key, out var sum) ? sum + shift : shift;
            }
        }
        return new RulesReplayBatchDto(ids.Count == 0 ? null : ids[^1], ids.Count, shifts
            .OrderBy(s => s.Key.Agreement).ThenBy(s => s.Key.Month).ThenBy(s => s.Key.Metric)
            .Select(s => new VerdictShiftDto(s.Key.Agreement, s.Key.Month, Names.Of(s.Key.Metric), s.Value.MetToBreached,
                s.Value.BreachedToMet, s.Value.SettledNow, s.Value.SettledBefore))
            .ToArray());
    }
}
