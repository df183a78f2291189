using NodaTime;
using SlaApi.Application.Common.Exceptions;
using SlaApi.Application.Common.Persistence;
using SlaApi.Application.Teams;
using SlaApi.Domain.Common;
using SlaApi.Domain.Incidents;

namespace SlaApi.Application.Incidents.Ingestion;

/// <summary>
/// Records a batch of events in one transaction: per incident, one lock, one load, one replay and one write,
/// whatever the number of its events. Results come back in the order of the submissions. Events are recorded on
/// copies of the cached incidents, and the cache learns of them only once the transaction has committed: a group that
/// fails leaves no trace of its events anywhere, and every incident it touched is read afresh next time.
/// </summary>
public sealed class EventBatchProcessor(
    IIncidentRepository incidents, IncidentCache cache, BoundSlaProvider slas, ITeamRepository teams, IUnitOfWork unitOfWork, TimeProvider time)
{
    public async Task<EventOutcome[]> ProcessAsync(IReadOnlyList<EventSubmission> submissions, bool withIncidents, CancellationToken ct)
    {
        var outcomes = new EventOutcome[submissions.Count];
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var committed = new List<(Incident Incident, int StateRevision, StoredState? Stored)>();
        var touched = new List<Guid>();
        await unitOfWork.BeginAsync(ct);
        try
        {
            var groups = await GroupByIncidentAsync(submissions, outcomes, ct);
            var knownTeams = await teams.FindExistingAsync(submissions.Where(s => s.TeamId is not null).Select(s => s.TeamId!.Value).ToArray(), ct);
            var changes = new List<IncidentChange>();
            // A fixed lock order keeps two writers from deadlocking over the same incidents.
            foreach (var (incidentId, indexes) in groups.OrderBy(g => g.Key))
            {
                touched.Add(incidentId);
                if (await ProcessIncidentAsync(incidentId, indexes, submissions, knownTeams, outcomes, withIncidents, now, ct) is not { } processed)
                    continue;
                if (processed.Change is { } change)
                    changes.Add(change);
                // A cached incident that gained no event is cached as it stands already.
                if (processed.Change is not null || !processed.FromCache)
                    committed.Add((processed.Incident, processed.StateRevision, processed.Change?.State));
            }
            await incidents.AppendEventsAsync(changes, ct);
            for (var i = 0; i < outcomes.Length; i++)
                outcomes[i] ??= new EventOutcome(404, null, null, new NotFoundException("Incident", submissions[i].IncidentKey));
            await unitOfWork.CommitAsync(ct);
        }
        catch
        {
            cache.Forget(touched);
            await unitOfWork.RollbackAsync(CancellationToken.None);
            throw;
        }
        foreach (var (incident, stateRevision, stored) in committed)
            cache.Remember(incident, stateRevision, stored);
        return outcomes;
    }

    /// <summary>Groups the events by incident; an event whose (source, externalId) several customers use is answered 409 here.</summary>
    private async Task<Dictionary<Guid, List<int>>> GroupByIncidentAsync(
        IReadOnlyList<EventSubmission> submissions, EventOutcome[] outcomes, CancellationToken ct)
    {
        var groups = new Dictionary<Guid, List<int>>();
        var idsByRef = new Dictionary<(Guid?, string), IReadOnlyList<Guid>>();
        for (var i = 0; i < submissions.Count; i++)
        {
            var submission = submissions[i];
            IReadOnlyList<Guid> ids = submission.IncidentId is { } id ? [id] : [];
            if (submission.IncidentId is null)
            {
                var source = submission.Source!.ToLowerInvariant();
                var key = (submission.CustomerScope, $"{source}/{submission.ExternalId}");
                if (!idsByRef.TryGetValue(key, out ids!))
                    idsByRef[key] = ids = await incidents.FindIdsByRefAsync(source, submission.ExternalId!, submission.CustomerScope, ct);
                if (ids.Count > 1)
                    outcomes[i] = new EventOutcome(409, null, null, IncidentRefs.Ambiguous(source, submission.ExternalId!, ids));
            }
            if (ids is [var found])
                (groups.TryGetValue(found, out var list) ? list : groups[found] = []).Add(i);
        }
        return groups;
    }

    /// <returns>Null when there is no such incident.</returns>
    private async Task<Processed?> ProcessIncidentAsync(
        Guid incidentId, List<int> indexes, IReadOnlyList<EventSubmission> submissions, IReadOnlySet<Guid> knownTeams, EventOutcome[] outcomes,
        bool withIncidents, Instant now, CancellationToken ct)
    {
        var stamp = await incidents.LockAsync(incidentId, ct);
        var cached = stamp is { } stored ? cache.Find(incidentId, stored) : null;
        var incident = cached?.Incident.Copy() ?? (stamp is null ? null : await incidents.GetAsync(incidentId, ct));
        var sla = incident is null ? null : await slas.GetAsync(incident.Binding, ct);
        var recorded = new List<IncidentEvent>();
        foreach (var index in indexes)
        {
            var s = submissions[index];
            if (incident is null || (s.CustomerScope is { } scope && scope != incident.CustomerId))
            {
                outcomes[index] = new EventOutcome(404, null, null, new NotFoundException("Incident", s.IncidentKey));
                continue;
            }
            try
            {
                if (s.Type == IncidentEventType.StatusChanged)
                    sla?.Policy.CheckPauseReason(s.Status?.Trim(), s.Reason?.Trim());
                if (s.TeamId is { } teamId && !knownTeams.Contains(teamId))
                    throw new UnprocessableException("team", $"Team '{teamId}' does not exist.");
                var outcome = incident.Record(s.EventId, s.Type, s.OccurredAt, s.Status?.Trim(), s.Priority, s.Reason?.Trim(), now, s.TeamId);
                if (outcome == RecordOutcome.Recorded)
                    recorded.Add(incident.Events[^1]);
                outcomes[index] = new EventOutcome(outcome == RecordOutcome.Recorded ? EventOutcome.Recorded : EventOutcome.AlreadyRecorded, incident.Id, null, null);
            }
            catch (BusinessRuleException e)
            {
                outcomes[index] = new EventOutcome(409, incident.Id, null, e);
            }
            catch (UnprocessableException e)
            {
                outcomes[index] = new EventOutcome(422, incident.Id, null, e);
            }
        }
        if (incident is null)
            return null;

        IncidentChange? change = null;
        if (recorded.Count > 0)
        {
            // Stored state is taken after the newest event, so an event reported a little ahead of now still counts.
            var storedAt = Instant.Max(now, incident.Events.Max(e => e.OccurredAt));
            change = new IncidentChange(incident, recorded, sla, SlaReplay.Evaluate(sla, incident.History, storedAt), storedAt, cached?.Stored);
        }
        if (withIncidents)
        {
            var evaluation = change is not null && change.EvaluatedAt == now ? change.Evaluation : SlaReplay.Evaluate(sla, incident.History, now);
            var dto = IncidentDto.From(incident, evaluation, now);
            foreach (var index in indexes.Where(i => outcomes[i].Error is null))
                outcomes[index] = outcomes[index] with { Incident = dto };
        }
        return new Processed(incident, stamp!.Value.StateRevision, change, FromCache: cached is not null);
    }

    /// <param name="Incident">The incident with the events it gained, to be cached once committed.</param>
    /// <param name="Change">What to store, when it gained events.</param>
    private sealed record Processed(Incident Incident, int StateRevision, IncidentChange? Change, bool FromCache);
}
