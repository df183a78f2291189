using Mediator;
using SlaApi.Domain.Access;

namespace SlaApi.Application.Access.EnsureAdminKey;

/// <summary>At first start there is no key to call the API with: issue an admin key then, and only then.</summary>
/// <returns>The new key's text, or null when a key already existed.</returns>
public sealed record EnsureAdminKeyCommand : ICommand<string?>;

public sealed class EnsureAdminKeyHandler(IApiKeyRepository keys, TimeProvider time) : ICommandHandler<EnsureAdminKeyCommand, string?>
{
    public const string KeyName = "bootstrap-admin";

    public async ValueTask<string?> Handle(EnsureAdminKeyCommand command, CancellationToken ct)
    {
        if (await keys.AnyAsync(ct) || !await keys.TryClaimBootstrapAsync(time.GetUtcNow(), ct))
            return null;
        var (key, text) = ApiKey.Issue(KeyName, [Scopes.Admin], null, null, time.GetUtcNow());
        await keys.AddAsync(key, ct);
        return text;
    }
}
