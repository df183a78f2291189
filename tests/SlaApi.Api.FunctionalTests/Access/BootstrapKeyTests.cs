using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Access;

[NonParallelizable]
public sealed partial class BootstrapKeyTests
{
    [Test]
    public async Task FirstStart_PrintsAWorkingAdminKeyOnce_AndLaterStartsPrintNone()
    {
        var database = await TestDatabase.CreateMigratedAsync(TestEngine.Sqlite);

        var (firstOutput, anonymousStatus) = await StartAndCaptureAsync(database, async factory =>
        {
            using var anonymous = factory.CreateClient();
            return (await anonymous.GetAsync("/api/v1/keys")).StatusCode;
        });
        var (secondOutput, _) = await StartAndCaptureAsync(database, _ => Task.FromResult(HttpStatusCode.OK));

        var printed = KeyText().Matches(firstOutput).Select(m => m.Value).ToArray();
        printed.Should().ContainSingle();
        firstOutput.Should().Contain("Authorization: Bearer <key>");
        KeyText().IsMatch(secondOutput).Should().BeFalse("a key already exists");
        anonymousStatus.Should().Be(HttpStatusCode.Unauthorized, "the printed key is the only way in");

        await using var factory = new SlaApiFactory(database, new FakeTimeProvider());
        using var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", printed[0]);
        (await admin.GetAsync("/api/v1/keys")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<(string Output, T Result)> StartAndCaptureAsync<T>(TestDatabase database, Func<SlaApiFactory, Task<T>> use)
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            await using var factory = new SlaApiFactory(database, new FakeTimeProvider());
            factory.CreateClient().Dispose();
            return (captured.ToString(), await use(factory));
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [GeneratedRegex("sla_[0-9a-f]{12}_[A-Za-z0-9_-]{43}")]
    private static partial Regex KeyText();
}
