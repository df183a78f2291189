using System.Diagnostics;
using System.Net;
using Npgsql;

namespace SlaApi.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster from the Debian packages: initdb into a temp folder, pg_ctl on a free loopback
/// port, removed when the test process ends. PostgreSQL refuses to run as root, so as root both run as "postgres".
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);

    private readonly string _binDirectory;
    private readonly string _dataDirectory;

    private PostgresCluster(string binDirectory, string dataDirectory, int port)
    {
        _binDirectory = binDirectory;
        _dataDirectory = dataDirectory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Where the binaries are, or null with the reason they are not usable.</summary>
    public static (string? BinDirectory, string? Missing) FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin is null
            ? (null, $"no initdb/pg_ctl under {root}/*/bin (install the Debian 'postgresql' package)")
            : (bin, null);
    }

    public static Task<PostgresCluster> GetAsync() => Shared.Value;

    /// <summary>A cluster of the caller's own, for a test that stops and starts it; disposing removes it.</summary>
    public static Task<PostgresCluster> StartOwnAsync() => StartAsync();

    /// <summary>Stops the server as an outage would, refusing every connection, until <see cref="StartAgainAsync"/>.</summary>
    public Task StopAsync() => RunToolAsync("pg_ctl", ["-D", _dataDirectory, "-m", "fast", "-w", "stop"]);

    public Task StartAgainAsync() =>
        RunToolAsync("pg_ctl", ["-D", _dataDirectory, "-o", ServerOptions, "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-t", "60", "start"]);

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private string ServerOptions =>
        $"-p {Port} -c listen_addresses=127.0.0.1 -k {_dataDirectory} -c fsync=off -c full_page_writes=off -c max_connections=200";

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Username = "postgres",
        Database = database,
        Pooling = true,
        MaxPoolSize = 20,
    }.ToString();

    private static async Task<PostgresCluster> StartAsync()
    {
        var (bin, missing) = FindBinaries();
        if (bin is null)
            throw new InvalidOperationException($"PostgreSQL cannot start: {missing}.");

        var dataDirectory = Path.Combine(Path.GetTempPath(), $"slaapi-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        if (Environment.UserName == "root")
            await RunAsync("chown", ["postgres:postgres", dataDirectory], asPostgres: false);

        var cluster = new PostgresCluster(bin, dataDirectory, LoopbackPorts.Free());
        await cluster.RunToolAsync("initdb", ["-D", dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
        await cluster.StartAgainAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return cluster;
    }

    private void Stop()
    {
        if (!Directory.Exists(_dataDirectory))
            return;
        try
        {
            RunToolAsync("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Stopped already by the test that owned it.
        }
        finally
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments) =>
        RunAsync(Path.Combine(_binDirectory, tool), arguments, asPostgres: Environment.UserName == "root");

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var argument in (string[])["-u", "postgres", "--", program])
                start.ArgumentList.Add(argument);
        }
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {await error}{await output}");
    }

}
