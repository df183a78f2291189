using FluentValidation;
using Mediator;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Connectors.SubmitSnapshots;

/// <summary>
/// Tickets as a poll of the tool's REST API returns them, each stored as a delivery and applied the same way as a
/// callback: a sweep catches up what a lost callback missed, and a version already applied changes nothing.
/// </summary>
/// <param name="Tickets">Each ticket's JSON, as the tool returned it.</param>
public sealed record SubmitSnapshotsCommand(Guid ConnectionId, IReadOnlyList<string> Tickets) : ICommand<IReadOnlyList<Guid>>;

public sealed class SubmitSnapshotsValidator : AbstractValidator<SubmitSnapshotsCommand>
{
    public const int MaxTickets = 1_000;

    public SubmitSnapshotsValidator() =>
        RuleFor(c => c.Tickets).NotEmpty().Must(t => t.Count <= MaxTickets).WithMessage($"'tickets' holds at most {MaxTickets} tickets.");
}

public sealed class SubmitSnapshotsHandler(IConnectionRepository connections, IInboundRepository inbox, TimeProvider time)
    : ICommandHandler<SubmitSnapshotsCommand, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(SubmitSnapshotsCommand command, CancellationToken ct)
    {
        var connection = await connections.GetAsync(command.ConnectionId, ct) ?? throw new NotFoundException("Connection", command.ConnectionId);
        var now = time.GetUtcNow();
        var ids = new List<Guid>(command.Tickets.Count);
        foreach (var ticket in command.Tickets)
        {
            var delivery = new InboundDelivery(Guid.CreateVersion7(now), connection.Id, now, ticket, IsRecord: true, Attempts: 0);
            await inbox.AddAsync(delivery, ct);
            ids.Add(delivery.Id);
        }
        inbox.DeliveriesWaiting();
        return ids;
    }
}
