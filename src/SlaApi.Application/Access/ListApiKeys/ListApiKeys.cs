using Mediator;

namespace SlaApi.Application.Access.ListApiKeys;

public sealed record ListApiKeysQuery : IQuery<IReadOnlyList<ApiKeyDto>>;

public sealed class ListApiKeysHandler(IApiKeyRepository keys) : IQueryHandler<ListApiKeysQuery, IReadOnlyList<ApiKeyDto>>
{
    public async ValueTask<IReadOnlyList<ApiKeyDto>> Handle(ListApiKeysQuery query, CancellationToken ct) =>
        (await keys.ListAsync(ct)).Select(ApiKeyDto.From).ToArray();
}
