using Mediator;
using SlaApi.Application.Access;

namespace SlaApi.Application.Webhooks.RotateWebhookSecret;

/// <summary>Issues a new secret, shown once; the previous one keeps signing beside it for the overlap.</summary>
public sealed record RotateWebhookSecretCommand(Guid Id) : ICommand<WebhookWithSecretDto>;

public sealed class RotateWebhookSecretHandler(IWebhookRepository webhooks, ICallerContext caller, TimeProvider time)
    : ICommandHandler<RotateWebhookSecretCommand, WebhookWithSecretDto>
{
    public async ValueTask<WebhookWithSecretDto> Handle(RotateWebhookSecretCommand command, CancellationToken ct)
    {
        var rotated = (await webhooks.VisibleAsync(command.Id, caller, ct)).RotateSecret(time.GetUtcNow());
        await webhooks.UpdateSecretAsync(rotated, ct);
        return new WebhookWithSecretDto(WebhookDto.From(rotated), rotated.Secret);
    }
}
