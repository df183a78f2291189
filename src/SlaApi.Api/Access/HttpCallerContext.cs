using SlaApi.Application.Access;

namespace SlaApi.Api.Access;

public sealed class HttpCallerContext(IHttpContextAccessor accessor) : ICallerContext
{
    public Guid? CustomerScope =>
        accessor.HttpContext?.User.FindFirst(ApiKeyAuthenticationHandler.CustomerClaim)?.Value is { } value ? Guid.Parse(value) : null;

    public string KeyId => accessor.HttpContext?.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value ?? "";
}
