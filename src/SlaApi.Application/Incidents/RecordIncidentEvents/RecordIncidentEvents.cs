using FluentValidation;
using Mediator;
using NodaTime;
using SlaApi.Application.Access;
using SlaApi.Application.Common.Persistence;
using SlaApi.Application.Incidents.Ingestion;
using SlaApi.Application.Incidents.RecordIncidentEvent;
using SlaApi.Domain.Common;

namespace SlaApi.Application.Incidents.RecordIncidentEvents;

/// <summary>Up to 1,000 events of any incidents, recorded in one commit; each gets its own result.</summary>
public sealed record RecordIncidentEventsCommand(IReadOnlyList<BatchEventInput> Events) : ICommand<BatchResultDto>, ICommitsItself;

/// <summary>An event naming its incident by id, or by source and externalId.</summary>
public sealed record BatchEventInput(
    Guid? IncidentId, string? Source, string? ExternalId, string EventId, string Type, DateTimeOffset OccurredAt,
    string? Status, int? Priority, string? Reason, Guid? Team = null);

/// <param name="Status">201 recorded, 200 already recorded, 400 invalid, 404 unknown incident, 409 event id reused, 422 unprocessable.</param>
public sealed record BatchEventResultDto(int Index, int Status, Guid? IncidentId, string? Code, IReadOnlyDictionary<string, string[]>? Errors, string? Detail);

public sealed record BatchResultDto(int Recorded, int AlreadyRecorded, int Rejected, IReadOnlyList<BatchEventResultDto> Results);

public sealed class RecordIncidentEventsValidator : AbstractValidator<RecordIncidentEventsCommand>
{
    public const int MaxEvents = 1_000;

    public RecordIncidentEventsValidator() =>
        RuleFor(c => c.Events).NotEmpty().Must(e => e.Count <= MaxEvents).WithMessage($"A batch holds at most {MaxEvents} events.");
}

public sealed class RecordIncidentEventsHandler(IEventWriter writer, IUnitOfWork unitOfWork, ICallerContext caller) : ICommandHandler<RecordIncidentEventsCommand, BatchResultDto>
{
    private static readonly RecordIncidentEventValidator EventRules = new();

    public async ValueTask<BatchResultDto> Handle(RecordIncidentEventsCommand command, CancellationToken ct)
    {
        var results = new BatchEventResultDto?[command.Events.Count];
        var accepted = new List<(int Index, EventSubmission Submission)>();
        for (var i = 0; i < command.Events.Count; i++)
        {
            if (Invalid(i, command.Events[i]) is { } invalid)
                results[i] = invalid;
            else
                accepted.Add((i, ToSubmission(command.Events[i])));
        }

        await unitOfWork.ReleaseConnectionAsync();
        var outcomes = accepted.Count == 0 ? [] : await writer.SubmitAsync(accepted.Select(a => a.Submission).ToArray(), withIncidents: false, caller.KeyId, ct);
        foreach (var ((index, _), outcome) in accepted.Zip(outcomes))
            results[index] = ToResult(index, outcome);

        return new BatchResultDto(
            results.Count(r => r!.Status == EventOutcome.Recorded),
            results.Count(r => r!.Status == EventOutcome.AlreadyRecorded),
            results.Count(r => r!.Status >= 400),
            results!);
    }

    private static BatchEventResultDto? Invalid(int index, BatchEventInput input)
    {
        if (input is null)
            return new BatchEventResultDto(index, 400, null, null, new Dictionary<string, string[]> { ["event"] = ["An event is required."] }, null);
        var errors = EventRules.Validate(new RecordIncidentEventCommand(input.IncidentId ?? Guid.Empty, input.EventId, input.Type, input.OccurredAt,
                input.Status, input.Priority, input.Reason, input.Team))
            .Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
        if (input.IncidentId is null && (string.IsNullOrWhiteSpace(input.Source) || string.IsNullOrWhiteSpace(input.ExternalId)))
            errors["incidentId"] = ["Name the incident by 'incidentId' or by 'source' and 'externalId'."];
        return errors.Count == 0 ? null : new BatchEventResultDto(index, 400, null, null, errors, null);
    }

    private EventSubmission ToSubmission(BatchEventInput input) => new(
        input.IncidentId, input.Source?.Trim(), input.ExternalId?.Trim(), input.EventId, Names.EventTypes[input.Type],
        Instant.FromDateTimeOffset(input.OccurredAt), input.Status, input.Priority, input.Reason, caller.CustomerScope, input.Team);

    private static BatchEventResultDto ToResult(int index, EventOutcome outcome) => outcome.Error switch
    {
        null => new BatchEventResultDto(index, outcome.Status, outcome.IncidentId, null, null, null),
        BusinessRuleException e => new BatchEventResultDto(index, outcome.Status, outcome.IncidentId, e.Code, null, e.Message),
        UnprocessableException e => new BatchEventResultDto(index, outcome.Status, outcome.IncidentId, null,
            new Dictionary<string, string[]> { [e.Field] = [e.Message] }, e.Message),
        var e => new BatchEventResultDto(index, outcome.Status, outcome.IncidentId, null, null, e.Message),
    };
}
