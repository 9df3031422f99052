using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BeschikbaarheidsWijzer.Benchmarks;

public sealed record AppUnderTestOptions
{
    /// <summary>Run <c>dotnet build -c Release</c> on the Api project first, so the run measures the code as it is now.</summary>
    public bool Build { get; init; } = true;

    public string DatabaseName { get; init; } = "bw_bench";

    /// <summary>Extra environment for the app (configuration keys with <c>__</c>); set after, so it overrides, the defaults.</summary>
    public IReadOnlyDictionary<string, string> AppEnvironment { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The real app in Release, in a process of its own, on a private PostgreSQL cluster in a temporary directory: what a
/// benchmark scenario drives over loopback HTTP. Disposing it kills the app, stops the cluster and deletes the directory;
/// the caller disposes it also on failure and Ctrl+C. A run that was killed outright leaves its directory behind, and
/// the next run removes it.
/// </summary>
public sealed class AppUnderTest : IAsyncDisposable
{
    private const string RunDirectoryPrefix = "bw-bench-";
    private const string AppPidFileName = "app.pid";
    private const int EchoedAppLines = 20;
    private const int KeptAppLines = 400;
    private const int KeptErrorLines = 5000; // a failover logs a few per refused request: 500 refusals fit
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);

    private readonly string _runDirectory;
    private readonly string _appDll;
    private readonly AppUnderTestOptions _options;
    private readonly Queue<string> _appOutput = new();
    private readonly List<string> _errorLines = [];
    private readonly Lock _appOutputLock = new();
    private readonly List<Process> _extraApps = [];
    private LocalPostgresCluster? _cluster;
    private Process? _app;
    private int _appLineCount;
    private bool _disposed;

    private AppUnderTest(string repositoryRoot, string runDirectory, string appDll, AppUnderTestOptions options)
    {
        RepositoryRoot = repositoryRoot;
        _runDirectory = runDirectory;
        _appDll = appDll;
        _options = options;
    }

    public string RepositoryRoot { get; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string ConnectionString { get; private set; } = "";

    /// <summary>The private cluster the app runs on: for proofs that kill it, restart it, replicate or dump it.</summary>
    public LocalPostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    /// <summary>"running", or how the app's process ended: for a failure report.</summary>
    public string AppState => _app is null ? "not started" : _app.HasExited ? $"exited with code {_app.ExitCode}" : "running";

    /// <summary>The app's process id, e.g. to read its memory.</summary>
    public int AppProcessId => _app?.Id ?? throw new InvalidOperationException("The app is not running.");

    /// <summary>The app's first error-level log lines since it started (the recent output may have rotated past them).</summary>
    public IReadOnlyList<string> ErrorLines
    {
        get
        {
            lock (_appOutputLock)
            {
                return [.. _errorLines];
            }
        }
    }

    /// <summary>The exception type and message of a JSON log line, and of each inner exception, without the stacks; null when it has none.</summary>
    public static string? ExceptionHead(string line)
    {
        try
        {
            using var log = JsonDocument.Parse(line);
            if (!log.RootElement.TryGetProperty("Exception", out var exception) || exception.GetString() is not { } text)
            {
                return null;
            }

            var lines = text.Split('\n');
            return string.Join(" ---> ", lines.Take(1).Concat(lines.Where(l => l.TrimStart().StartsWith("---> ", StringComparison.Ordinal)).Select(l => l.Trim()[5..])));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The app's last lines of output (it logs at Warning and above), for a failure report.</summary>
    public string RecentAppOutput
    {
        get
        {
            lock (_appOutputLock)
            {
                return string.Join(Environment.NewLine, _appOutput);
            }
        }
    }

    /// <summary>Builds the app, starts the cluster, migrates and seeds reference data, starts the app and waits until it is ready.</summary>
    public static async Task<AppUnderTest> StartAsync(AppUnderTestOptions options, CancellationToken cancellationToken)
    {
        var repositoryRoot = FindRepositoryRoot();
        await RemoveLeftoversOfEndedRunsAsync();

        if (options.Build)
        {
            await BuildAsync(repositoryRoot, cancellationToken);
        }

        var appDll = Path.Combine(repositoryRoot, "src", "BeschikbaarheidsWijzer.Api", "bin", "Release", "net10.0", "BeschikbaarheidsWijzer.Api.dll");
        if (!File.Exists(appDll))
        {
            throw new InvalidOperationException($"{appDll} does not exist: run without --no-build.");
        }

        var runDirectory = Path.Combine(Path.GetTempPath(), $"{RunDirectoryPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(runDirectory);
        var app = new AppUnderTest(repositoryRoot, runDirectory, appDll, options);
        try
        {
            await app.StartDatabaseAsync(options.DatabaseName, cancellationToken);
            await app.StartAppAsync(appDll, options.AppEnvironment, cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>A context on the benchmark database, for arranging data and checking what was stored.</summary>
    public WijzerDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<WijzerDbContext>();
        DatabaseSetup.ConfigureDbContext(options, ConnectionString);
        return new WijzerDbContext(options.Options);
    }

    /// <summary>A bootstrap admin key of this run (for what is private, such as /metrics without a metrics port).</summary>
    public string AdminKey { get; } = Domain.Security.ApiKeyFormat.Generate().Key;

    /// <summary>A client of its own (own connection) to the app, or to <paramref name="baseAddress"/> (another instance), optionally with an API key.</summary>
    public HttpClient CreateClient(string? apiKey = null, Uri? baseAddress = null)
    {
        var handler = new SocketsHttpHandler
        {
            // Loopback only: no proxy from the environment may come in between.
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress ?? BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAppAsync();
        foreach (var extra in _extraApps)
        {
            await StopProcessAsync(extra);
        }

        if (_cluster is not null)
        {
            try
            {
                await _cluster.StopAsync();
            }
            catch (Exception ex) when (ex is LocalPostgresException or TimeoutException or IOException)
            {
                Console.Error.WriteLine($"Could not stop PostgreSQL in {_cluster.DataDirectory}: {ex.Message}");
            }
        }

        try
        {
            Directory.Delete(_runDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not delete {_runDirectory}: {ex.Message}");
        }
    }

    /// <summary>
    /// Stops the app and starts it again on the same database with <paramref name="environment"/> on top of the
    /// options' environment: for a setting read only at start-up (the output cache), or after reference data changed
    /// underneath the app's caches.
    /// </summary>
    public async Task RestartAppAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        await StopAppAsync();
        var merged = new Dictionary<string, string>(_options.AppEnvironment);
        foreach (var (key, value) in environment)
        {
            merged[key] = value;
        }

        await StartAppAsync(_appDll, merged, cancellationToken);
    }

    /// <summary>
    /// Starts one more instance of the app (another process, another port) on top of the options' environment and
    /// <paramref name="environment"/>, and waits until it is ready; it is stopped with this object. Returns its address.
    /// </summary>
    public async Task<Uri> StartExtraInstanceAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var merged = new Dictionary<string, string>(_options.AppEnvironment);
        foreach (var (key, value) in environment)
        {
            merged[key] = value;
        }

        var port = FindFreeLoopbackPort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var process = LaunchApp(_appDll, port, merged, $"app-{_extraApps.Count + 2}.pid");
        _extraApps.Add(process);
        await WaitUntilReadyAsync(process, address, cancellationToken);
        Console.WriteLine($"App instance (Release, pid {process.Id}) ready on {address}");
        return address;
    }

    private async Task StopAppAsync()
    {
        if (_app is not { } app)
        {
            return;
        }

        _app = null;
        await StopProcessAsync(app);
    }

    private static async Task StopProcessAsync(Process app)
    {
        try
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await app.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine($"Could not stop the app (pid {app.Id}): {ex.Message}");
        }

        app.Dispose();
    }

    /// <summary>The directory holding <c>BeschikbaarheidsWijzer.sln</c>, looked for upwards from the tool and from the current directory.</summary>
    public static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "BeschikbaarheidsWijzer.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("BeschikbaarheidsWijzer.sln not found above the tool or the current directory: run the tool from the repository.");
    }

    private static async Task BuildAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var project = Path.Combine(repositoryRoot, "src", "BeschikbaarheidsWijzer.Api");
        Console.WriteLine($"Building the app: dotnet build -c Release {Path.GetRelativePath(repositoryRoot, project)}");
        var started = Stopwatch.GetTimestamp();
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            ArgumentList = { "build", "-c", "Release", project, "-nologo", "-v", "quiet" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repositoryRoot,
        };
        using var build = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start dotnet build.");
        var stdout = build.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = build.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(BuildTimeout);
        try
        {
            await build.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            build.Kill(entireProcessTree: true);
            throw;
        }

        var output = ((await stdout) + (await stderr)).Trim();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build failed (exit code {build.ExitCode}):{Environment.NewLine}{output}");
        }

        Console.WriteLine($"  built in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
    }

    private async Task StartDatabaseAsync(string databaseName, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        _cluster = await LocalPostgresCluster.StartAsync(Path.Combine(_runDirectory, "postgres"), NullLogger.Instance, cancellationToken);
        await _cluster.EnsureDatabaseAsync(databaseName, cancellationToken);
        ConnectionString = _cluster.ConnectionStringFor(databaseName);
        await using (var db = CreateDbContext())
        {
            await db.Database.MigrateAsync(cancellationToken);
            await ReferenceDataSeeder.SeedAsync(db, ReferenceData.Load(), cancellationToken);
        }

        Console.WriteLine($"PostgreSQL on 127.0.0.1:{_cluster.Port} ({_cluster.DataDirectory}): database {databaseName} migrated, " +
                          $"reference data loaded in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
    }

    private async Task StartAppAsync(string appDll, IReadOnlyDictionary<string, string> extraEnvironment, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();

        // A free port can be taken between choosing and binding it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FindFreeLoopbackPort();
            BaseAddress = new Uri($"http://127.0.0.1:{port}/");
            _app = LaunchApp(appDll, port, extraEnvironment, AppPidFileName);
            try
            {
                await WaitUntilReadyAsync(_app, BaseAddress, cancellationToken);
                Console.WriteLine($"App (Release, pid {_app.Id}) ready on {BaseAddress} in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
                return;
            }
            catch (AppExitedException) when (attempt < 3 && RecentAppOutput.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                _app.Dispose();
                _app = null;
            }
        }
    }

    private Process LaunchApp(string appDll, int port, IReadOnlyDictionary<string, string> extraEnvironment, string pidFileName)
    {
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            ArgumentList = { appDll },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // The content root: appsettings.json is read from here.
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
        };

        // Whatever the caller's shell says about where apps listen must not move this one off loopback.
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_ENVIRONMENT" })
        {
            startInfo.Environment.Remove(inherited);
        }

        startInfo.Environment["ConnectionStrings__Default"] = ConnectionString;
        startInfo.Environment["Urls"] = $"http://127.0.0.1:{port}";
        startInfo.Environment["Demo__Seed"] = "false";
        startInfo.Environment["Auth__AdminApiKey"] = AdminKey;
        startInfo.Environment["RateLimiting__RequestsPerMinutePerKey"] = "1000000";
        startInfo.Environment["RateLimiting__AnonymousRequestsPerMinute"] = "1000000";
        startInfo.Environment["RateLimiting__FailedAuthenticationsPerMinute"] = "1000000";
        startInfo.Environment["Logging__LogLevel__Default"] = "Warning";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        // A build (unlike a publish) leaves wwwroot in the project: serve the web app from there, as the image does.
        startInfo.Environment["ASPNETCORE_WEBROOT"] = Path.Combine(RepositoryRoot, "src", "BeschikbaarheidsWijzer.Api", "wwwroot");
        foreach (var (key, value) in extraEnvironment)
        {
            startInfo.Environment[key] = value;
        }

        lock (_appOutputLock)
        {
            // A new attempt: earlier output would only confuse the failure report.
            _appOutput.Clear();
            _appLineCount = 0;
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => OnAppOutput(e.Data);
        process.ErrorDataReceived += (_, e) => OnAppOutput(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {appDll}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // So that a later run can end this process if this run is killed before it can (pid plus start time: not another process).
        File.WriteAllText(Path.Combine(_runDirectory, pidFileName),
            $"{process.Id}\n{process.StartTime.ToUniversalTime().Ticks}\n");
        return process;
    }

    /// <summary>Echoes the first lines live (at Warning level there should be none) and keeps the last ones for a failure report.</summary>
    private void OnAppOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_appOutputLock)
        {
            _appLineCount++;
            if (_appLineCount <= EchoedAppLines)
            {
                Console.Error.WriteLine($"  [app] {line}");
            }
            else if (_appLineCount == EchoedAppLines + 1)
            {
                Console.Error.WriteLine("  [app] … (further app output is not shown)");
            }

            if (line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) && _errorLines.Count < KeptErrorLines)
            {
                _errorLines.Add(line);
            }

            _appOutput.Enqueue(line);
            while (_appOutput.Count > KeptAppLines)
            {
                _appOutput.Dequeue();
            }
        }
    }

    private async Task WaitUntilReadyAsync(Process app, Uri address, CancellationToken cancellationToken)
    {
        using var client = CreateClient(baseAddress: address);
        client.Timeout = TimeSpan.FromSeconds(5);
        var deadline = Stopwatch.GetTimestamp() + (long)(ReadyTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (app.HasExited)
            {
                throw new AppExitedException($"The app exited with code {app.ExitCode} before it was ready:{Environment.NewLine}{RecentAppOutput}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One slow answer while it starts; ask again.
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"The app was not ready within {ReadyTimeout.TotalSeconds} s:{Environment.NewLine}{RecentAppOutput}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>Ends the app and cluster of runs that were killed before they could clean up (their owner process is gone).</summary>
    private static async Task RemoveLeftoversOfEndedRunsAsync()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), RunDirectoryPrefix + "*"))
        {
            var ownerText = Path.GetFileName(directory)[RunDirectoryPrefix.Length..].Split('-')[0];
            if (!int.TryParse(ownerText, CultureInfo.InvariantCulture, out var owner) || IsRunning(owner))
            {
                continue;
            }

            try
            {
                foreach (var pidFile in Directory.GetFiles(directory, "app*.pid"))
                {
                    EndLeftoverApp(pidFile);
                }

                var dataDirectory = Path.Combine(directory, "postgres");
                if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
                {
                    var leftover = await LocalPostgresCluster.StartAsync(dataDirectory, NullLogger.Instance);
                    await leftover.StopAsync();
                }

                Directory.Delete(directory, recursive: true);
                Console.WriteLine($"Removed the leftovers of an ended run: {directory}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LocalPostgresException or TimeoutException or FormatException)
            {
                Console.Error.WriteLine($"Could not remove the leftovers in {directory}: {ex.Message}");
            }
        }
    }

    private static void EndLeftoverApp(string pidFile)
    {
        if (!File.Exists(pidFile))
        {
            return;
        }

        var lines = File.ReadAllLines(pidFile);
        if (lines.Length < 2)
        {
            return;
        }

        var pid = int.Parse(lines[0], CultureInfo.InvariantCulture);
        var startTicks = long.Parse(lines[1], CultureInfo.InvariantCulture);
        try
        {
            using var process = Process.GetProcessById(pid);
            // The start time as read back can differ by a few milliseconds (it is derived from the uptime clock).
            if (!process.HasExited && Math.Abs(process.StartTime.ToUniversalTime().Ticks - startTicks) < TimeSpan.TicksPerSecond)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(15));
            }
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FindFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The <c>dotnet</c> host this tool runs under when started by it, else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private sealed class AppExitedException(string message) : Exception(message);
}
