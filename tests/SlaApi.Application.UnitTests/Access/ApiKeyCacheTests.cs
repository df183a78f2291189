using FluentAssertions;
using SlaApi.Application.Access;
using SlaApi.Domain.Access;

namespace SlaApi.Application.UnitTests.Access;

public sealed class ApiKeyCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void ARevokedKey_CannotBeCachedAgain_WhateverRacesTheCommit()
    {
        var cache = new ApiKeyCache();
        var (key, _) = ApiKey.Issue("racing", [Scopes.Admin], null, null, Now);

        cache.Revoked(key.Prefix);
        cache.Remember(key, Now);

        cache.Find(key.Prefix, Now).Should().BeNull("a request that read the key before the revocation committed must not bring it back");
        cache.IsRevoked(key.Prefix).Should().BeTrue();
    }
}
