using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using SlaApi.TestSupport;

namespace SlaApi.Infrastructure.IntegrationTests.Migrations;

/// <summary>A merged migration never changes (databases already ran it); db-migrations/checksums.txt pins each one.</summary>
public sealed class MigrationChecksumTests
{
    private static readonly string Folder = Path.GetDirectoryName(RepoPaths.Migrations("sqlite"))!;

    [Test]
    public void EveryMigration_MatchesItsPinnedChecksum()
    {
        var pinned = File.ReadAllLines(Path.Combine(Folder, "checksums.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split("  ", 2))
            .ToDictionary(parts => parts[1], parts => parts[0], StringComparer.Ordinal);
        var actual = Directory.GetFiles(Folder, "*.sql", SearchOption.AllDirectories)
            .ToDictionary(file => Path.GetRelativePath(Folder, file).Replace('\\', '/'), Checksum, StringComparer.Ordinal);

        actual.Keys.Should().BeEquivalentTo(pinned.Keys,
            "every migration is pinned in db-migrations/checksums.txt (a new one adds its line: sha256sum of the file with LF line endings)");
        foreach (var (file, checksum) in actual)
            checksum.Should().Be(pinned[file], $"{file} was merged and must not change; put the change in a new migration");
    }

    private static string Checksum(string file) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(File.ReadAllText(file).Replace("\r", "", StringComparison.Ordinal))));
}
