using SlaApi.Application.Incidents;
using SlaApi.Domain.Simulations;

namespace SlaApi.Application.Simulations;

public static class SimulationMapping
{
    public static SimulationDto ToDto(StoredSimulation s) => new(
        s.Id, s.Status, s.PercentDone, s.IncidentsTotal, s.IncidentsReplayed, s.Request.From, s.Request.To, s.Request.AgreementIds,
        s.CreatedAt, s.StartedAt, s.FinishedAt, s.Error,
        s.Result?.ExcludedIncidents, s.Result?.ActualBreaches, s.Result?.DraftBreaches, s.Result?.MetToBreached, s.Result?.BreachedToMet,
        s.Result?.FlipsTruncated, s.Result?.Compliance ?? [], s.Result?.Credits ?? []);

    public static FlipDto ToDto(Flip f) => new(
        f.IncidentId, f.CustomerId, f.AgreementId, f.Priority, Names.Of(f.Metric), f.Cycle, f.ActualBreached ? "breached" : "met",
        f.ActualBreached ? "met" : "breached", f.ActualTargetSeconds, f.DraftTargetSeconds, f.ElapsedSecondsActual, f.ElapsedSecondsDraft);
}
