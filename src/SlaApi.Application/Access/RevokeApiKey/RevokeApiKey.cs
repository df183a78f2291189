using Mediator;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Access.RevokeApiKey;

/// <summary>Revokes a key for good; revoking it again changes nothing.</summary>
public sealed record RevokeApiKeyCommand(Guid Id) : ICommand;

public sealed class RevokeApiKeyHandler(IApiKeyRepository keys, ApiKeyCache cache, TimeProvider time) : ICommandHandler<RevokeApiKeyCommand>
{
    public async ValueTask<Unit> Handle(RevokeApiKeyCommand command, CancellationToken ct)
    {
        var key = await keys.GetAsync(command.Id, ct) ?? throw new NotFoundException("API key", command.Id);
        key.Revoke(time.GetUtcNow());
        cache.Revoked(key.Prefix);
        await keys.RevokeAsync(key, ct);
        return Unit.Value;
    }
}
