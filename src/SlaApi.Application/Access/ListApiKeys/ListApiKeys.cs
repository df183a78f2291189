using Mediator;

namespace SlaApi.Application.Access.ListApiKeys;

public sealed record ListApiKeysQuery : IQuery<IReadOnlyList<ApiKeyDto>>;

public sealed class ListApiKeysHandler(IApiKeyRepository keys, KeyUsageLog usage) : IQueryHandler<ListApiKeysQuery, IReadOnlyList<ApiKeyDto>>
{
    public async ValueTask<IReadOnlyList<ApiKeyDto>> Handle(ListApiKeysQuery query, CancellationToken ct) =>
        (await keys.ListAsync(ct)).Select(key => ApiKeyDto.From(key) with { LastUsedAt = Latest(key.LastUsedAt, usage.PendingFor(key.Id)) }).ToArray();

    private static DateTimeOffset? Latest(DateTimeOffset? stored, DateTimeOffset? pending) =>
        stored is null || pending > stored ? pending : stored;
}
