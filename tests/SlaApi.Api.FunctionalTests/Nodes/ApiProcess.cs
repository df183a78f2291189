using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using SlaApi.Infrastructure.Persistence;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Nodes;

/// <summary>The API as an operator runs it: the built program in a process of its own, on its own port, set by environment.</summary>
public sealed partial class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ApiProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The process's resident memory now, as the kernel counts it.</summary>
    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>The admin key the process printed at its first start on an empty database, if it printed one.</summary>
    public string? PrintedKey => PrintedKeyPattern().Match(Output) is { Success: true } match ? match.Value : null;

    /// <param name="workingDirectory">Where the process starts; the test's own directory when null.</param>
    public static async Task<ApiProcess> StartAsync(
        DatabaseOptions database, IReadOnlyDictionary<string, string>? settings = null, string? workingDirectory = null)
    {
        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        start.ArgumentList.Add(ProgramPath());
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["ConnectionStrings__Sla"] = database.ConnectionString;
        start.Environment["Database__MigrateOnStartup"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => api.Append(e.Data);
        process.ErrorDataReceived += (_, e) => api.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await api.WaitUntilLiveAsync();
        return api;
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    /// <summary>Asks the process to stop (SIGTERM), as a service manager does, and answers whether it exited within <paramref name="wait"/>.</summary>
    public async Task<bool> TerminateAsync(TimeSpan wait)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private async Task WaitUntilLiveAsync()
    {
        using var client = Client(null);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The API exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await client.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The API did not come up within a minute:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    /// <summary>The program built beside these tests, in the same configuration.</summary>
    private static string ProgramPath()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        var path = Path.Combine(RepoPaths.Root, "src", "SlaApi.Api", "bin", configuration, "net10.0", "SlaApi.Api.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the API program is missing.", path);
    }


    [GeneratedRegex(@"sla_[0-9a-f]{12}_[A-Za-z0-9_-]+")]
    private static partial Regex PrintedKeyPattern();
}
