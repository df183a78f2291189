namespace SlaApi.TestSupport;

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ApiSpec(string file) => Path.Combine(Root, "api-spec", file);

    public static string Migrations(string engine) => Path.Combine(Root, "db-migrations", engine);

    /// <summary>A file under artifacts/ (git-ignored), for output a failing test leaves behind.</summary>
    public static string Artifact(string file)
    {
        var directory = Path.Combine(Root, "artifacts");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, file);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SlaApi.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("SlaApi.sln not found above the test binaries.");
    }
}
