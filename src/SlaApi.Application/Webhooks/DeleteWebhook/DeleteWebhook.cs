using Mediator;
using SlaApi.Application.Access;

namespace SlaApi.Application.Webhooks.DeleteWebhook;

/// <summary>Stops deliveries to the subscription: those still pending are cancelled. Its alerts stay in the feed.</summary>
public sealed record DeleteWebhookCommand(Guid Id) : ICommand;

public sealed class DeleteWebhookHandler(IWebhookRepository webhooks, ICallerContext caller, TimeProvider time) : ICommandHandler<DeleteWebhookCommand>
{
    public async ValueTask<Unit> Handle(DeleteWebhookCommand command, CancellationToken ct)
    {
        var subscription = await webhooks.VisibleAsync(command.Id, caller, ct);
        await webhooks.DeleteAsync(subscription.Id, time.GetUtcNow(), ct);
        return Unit.Value;
    }
}
