using System.Text.Json.Nodes;
using FluentAssertions;
using SlaApi.Application.Connectors;
using SlaApi.Domain.Connectors;
using SlaApi.TestSupport;

namespace SlaApi.Application.UnitTests.Connectors;

/// <summary>Every fixture, and every fixture with any one of its values replaced by something hostile, is read or refused with a reason.</summary>
public sealed class DeliveryFormatsTests
{
    private static readonly JsonNode?[] Hostile =
    [
        null, true, 0, -1, 1e308, -1e308, "", " ", new string('x', 10_000), new JsonObject(), new JsonArray(), "9999-12-31T23:59:59Z",
        "0001-01-01T00:00:00Z", "not a time", "1e400", "\u0000", "1900-01-01T00:00:00",
    ];

    private static IEnumerable<TestCaseData> Fixtures() =>
        Directory.GetDirectories(Path.Combine(RepoPaths.Root, "tests", "fixtures", "connectors"))
            .SelectMany(directory => Directory.GetFiles(directory, "*.json").Select(file => new TestCaseData(Path.GetFileName(directory), file)
                .SetName($"{Path.GetFileName(directory)}/{Path.GetFileName(file)}")));

    [TestCaseSource(nameof(Fixtures))]
    public void AFixture_IsReadAsATicket(string kind, string file)
    {
        ConnectorKinds.TryParse(kind, out var connector).Should().BeTrue();

        var parsed = DeliveryFormats.Parse(connector, File.ReadAllText(file));

        parsed.Refusal.Should().BeNull(parsed.Reason);
        parsed.Tickets.Should().ContainSingle().Which.ExternalId.Should().NotBeNullOrEmpty();
    }

    [TestCaseSource(nameof(Fixtures))]
    public void AFixtureWithAnyValueHostile_IsReadOrRefused_NeverThrowsAnythingElse(string kind, string file)
    {
        ConnectorKinds.TryParse(kind, out var connector);
        var valid = JsonNode.Parse(File.ReadAllText(file))!;
        var unexpected = new List<string>();
        foreach (var path in Paths(valid))
        {
            foreach (var value in Hostile)
            {
                var body = Replace(valid, path, value?.DeepClone());
                try
                {
                    DeliveryFormats.Parse(connector, body);
                    DeliveryFormats.ParseRecord(connector, body);
                }
                catch (FormatException)
                {
                }
                catch (Exception e)
                {
                    unexpected.Add($"{string.Join('.', path)} = {value?.ToJsonString()}: {e.GetType().Name} {e.Message}");
                }
            }
        }

        unexpected.Should().BeEmpty();
    }

    private static IEnumerable<string[]> Paths(JsonNode node, string[]? at = null)
    {
        at ??= [];
        if (node is JsonObject o)
        {
            foreach (var (key, child) in o)
            {
                yield return [.. at, key];
                if (child is not null)
                    foreach (var nested in Paths(child, [.. at, key]))
                        yield return nested;
            }
        }
    }

    private static string Replace(JsonNode valid, string[] path, JsonNode? value)
    {
        var copy = valid.DeepClone();
        var parent = copy;
        foreach (var key in path[..^1])
            parent = parent[key]!;
        parent[path[^1]] = value;
        return copy.ToJsonString();
    }
}
