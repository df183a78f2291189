using FluentAssertions;
using SlaApi.Domain.Access;
using SlaApi.Domain.Common;

namespace SlaApi.Domain.UnitTests.Access;

public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Issue_KeepsOnlyAHashOfTheSecret()
    {
        var (key, text) = ApiKey.Issue("integration", [Scopes.SlaRead], null, null, Now);

        key.SecretHash.Should().HaveCount(32);
        key.Matches(text).Should().BeTrue();
        key.Matches(text[..^1] + (text[^1] == 'A' ? 'B' : 'A')).Should().BeFalse();
        ApiKey.PrefixOf(text).Should().Be(key.Prefix);
    }

    [Test]
    public void Issue_TwoKeys_ShareNothing()
    {
        var (first, firstText) = ApiKey.Issue("a", [Scopes.SlaRead], null, null, Now);
        var (second, secondText) = ApiKey.Issue("a", [Scopes.SlaRead], null, null, Now);

        firstText.Should().NotBe(secondText);
        first.Prefix.Should().NotBe(second.Prefix);
        first.Matches(secondText).Should().BeFalse();
    }

    [TestCase("")]
    [TestCase("Bearer")]
    [TestCase("sla_short_secret")]
    [TestCase("key_0123456789ab_secret")]
    public void PrefixOf_TextNotShapedLikeAKey_IsNull(string text) => ApiKey.PrefixOf(text).Should().BeNull();

    [Test]
    public void IsActiveAt_ExpiresAtTheInstantGiven_AndRevocationIsFinal()
    {
        var (key, _) = ApiKey.Issue("a", [Scopes.SlaRead], null, Now.AddHours(1), Now);

        key.IsActiveAt(Now.AddMinutes(59)).Should().BeTrue();
        key.IsActiveAt(Now.AddHours(1)).Should().BeFalse();

        var (revoked, _) = ApiKey.Issue("b", [Scopes.SlaRead], null, null, Now);
        revoked.Revoke(Now);
        revoked.Revoke(Now.AddDays(1));
        revoked.RevokedAt.Should().Be(Now);
        revoked.IsActiveAt(Now.AddSeconds(1)).Should().BeFalse();
    }

    [TestCase(Scopes.Admin)]
    [TestCase(Scopes.DefinitionsWrite)]
    public void Issue_CustomerBoundKeyWithCrossCustomerScope_IsRefused(string scope)
    {
        var act = () => ApiKey.Issue("a", [scope], Guid.NewGuid(), null, Now);

        act.Should().Throw<BusinessRuleException>().Which.Code.Should().Be("key.customer-bound-scope");
    }
}
