using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Database;

/// <summary>The private cluster could not be made or started; the message says why and what to do.</summary>
public class LocalPostgresException(string message) : Exception(message);

/// <summary>Thrown when no PostgreSQL server binaries can be found; the message tells the user what to do.</summary>
public sealed class PostgresNotFoundException(string message) : LocalPostgresException(message);

/// <summary>
/// A private PostgreSQL cluster in a directory of its own, listening on a free loopback port only. Used by the app when
/// no connection string is configured, and by the test fixture. Running as root, the server runs as the
/// <c>postgres</c> user, because initdb and postgres refuse to run as root.
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string UserName = "bw";
    private const string PasswordFileName = "bw_local_password";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly string _binDirectory;
    private readonly bool _runAsPostgresUser;
    private readonly string _password;
    private readonly ILogger _logger;
    private readonly bool _ownsServer;
    private bool _stopped;

    private LocalPostgresCluster(string dataDirectory, string binDirectory, bool runAsPostgresUser, string password, int port, ILogger logger, bool ownsServer = true)
    {
        DataDirectory = dataDirectory;
        _binDirectory = binDirectory;
        _runAsPostgresUser = runAsPostgresUser;
        _password = password;
        Port = port;
        _logger = logger;
        _ownsServer = ownsServer;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    /// <summary>A connection string for <paramref name="database"/> on this cluster.</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = UserName,
        Password = _password,
        Database = database,
    }.ConnectionString;

    /// <summary>
    /// Creates the cluster in <paramref name="dataDirectory"/> if it holds none yet, and starts it (or adopts a server
    /// already running on that directory, e.g. after the app was killed).
    /// </summary>
    public static async Task<LocalPostgresCluster> StartAsync(string dataDirectory, ILogger logger, CancellationToken cancellationToken = default)
    {
        dataDirectory = Path.GetFullPath(dataDirectory);
        var binDirectory = FindBinDirectory();
        var runAsPostgresUser = IsRoot();
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await InitializeAsync(dataDirectory, binDirectory, runAsPostgresUser, logger, cancellationToken);
        }

        var password = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, PasswordFileName), cancellationToken)).Trim();
        var runningPort = ReadRunningPort(dataDirectory, binDirectory, runAsPostgresUser);
        if (runningPort is { } adopted)
        {
            // Another app instance that is still running started it: use it, and leave it running for that one. Else (the
            // app that started it was killed) this instance takes it over, and stops it when it stops.
            if (RunningOwner(dataDirectory) is { } owner)
            {
                logger.LogInformation("Using the local PostgreSQL on port {Port} ({DataDirectory}) that app process {Owner} started; it keeps running when this one stops",
                    adopted, dataDirectory, owner);
                return new LocalPostgresCluster(dataDirectory, binDirectory, runAsPostgresUser, password, adopted, logger, ownsServer: false);
            }

            await ClaimAsync(dataDirectory, cancellationToken);
            logger.LogInformation("Using the local PostgreSQL already running on port {Port} ({DataDirectory})", adopted, dataDirectory);
            return new LocalPostgresCluster(dataDirectory, binDirectory, runAsPostgresUser, password, adopted, logger);
        }

        // A free port can be taken between choosing and binding it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FindFreeLoopbackPort();
            var result = await RunAsync(binDirectory, runAsPostgresUser, "pg_ctl",
                ["start", "-D", dataDirectory, "-w", "-t", "60", "-l", Path.Combine(dataDirectory, "server.log"),
                 "-o", $"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories=''"],
                cancellationToken);
            if (result.ExitCode == 0)
            {
                await ClaimAsync(dataDirectory, cancellationToken);
                logger.LogInformation("Started local PostgreSQL on 127.0.0.1:{Port} ({DataDirectory})", port, dataDirectory);
                return new LocalPostgresCluster(dataDirectory, binDirectory, runAsPostgresUser, password, port, logger);
            }

            if (attempt == 3)
            {
                throw new LocalPostgresException(
                    $"Could not start the local PostgreSQL in {dataDirectory}: {result.Output}. See {Path.Combine(dataDirectory, "server.log")}.");
            }
        }
    }

    /// <summary>Creates <paramref name="database"/> when it does not exist yet.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"create database {QuoteIdentifier(database)}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Stops the server (fast shutdown: open sessions are ended, committed data is safe).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        if (!_ownsServer)
        {
            _logger.LogInformation("Left the local PostgreSQL running for the app process that started it ({DataDirectory})", DataDirectory);
            return;
        }

        var result = await RunAsync(_binDirectory, _runAsPostgresUser, "pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], CancellationToken.None);
        if (result.ExitCode == 0)
        {
            _logger.LogInformation("Stopped local PostgreSQL ({DataDirectory})", DataDirectory);
        }
        else
        {
            _logger.LogWarning("Stopping local PostgreSQL failed: {Output}", result.Output);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Beside the data directory (not in it: a replica's base backup would copy it), which process started the server.</summary>
    private static string OwnerFile(string dataDirectory) => dataDirectory.TrimEnd(Path.DirectorySeparatorChar) + ".owner";

    private static Task ClaimAsync(string dataDirectory, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(OwnerFile(dataDirectory), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken);

    /// <summary>The process that started the running server, when it is another process that is still alive.</summary>
    private static int? RunningOwner(string dataDirectory)
    {
        try
        {
            if (!int.TryParse(File.ReadAllText(OwnerFile(dataDirectory)).Trim(), CultureInfo.InvariantCulture, out var owner) || owner == Environment.ProcessId)
            {
                return null;
            }

            using var process = Process.GetProcessById(owner);
            return process.HasExited ? null : owner;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            // No owner file, or no such process any more.
            return null;
        }
    }

    /// <summary>The postmaster's process id while the server runs (line 1 of <c>postmaster.pid</c>), else null.</summary>
    public int? ServerProcessId
    {
        get
        {
            var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
            try
            {
                var lines = File.ReadAllLines(pidFile);
                return lines.Length > 0 && int.TryParse(lines[0], CultureInfo.InvariantCulture, out var pid) ? pid : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Starts the server again on the same port after it was stopped or killed; after a kill PostgreSQL first replays its
    /// WAL (crash recovery). Tries for up to a minute: the killed server's processes may take a moment to be gone.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await RunAsync(_binDirectory, _runAsPostgresUser, "pg_ctl",
                ["start", "-D", DataDirectory, "-w", "-t", "60", "-l", Path.Combine(DataDirectory, "server.log"),
                 "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories=''"],
                cancellationToken);
            if (result.ExitCode == 0)
            {
                _stopped = false;
                return;
            }

            if (attempt == 20)
            {
                throw new LocalPostgresException($"Could not restart the local PostgreSQL in {DataDirectory}: {result.Output}");
            }

            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        }
    }

    /// <summary>Promotes this cluster, a streaming replica, to a primary (<c>pg_ctl promote</c>, waiting until it accepts writes).</summary>
    public async Task PromoteAsync(CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(_binDirectory, _runAsPostgresUser, "pg_ctl", ["promote", "-D", DataDirectory, "-w", "-t", "60"], cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new LocalPostgresException($"Could not promote the replica in {DataDirectory}: {result.Output}");
        }
    }

    /// <summary>
    /// Makes a hot-standby streaming replica of this cluster in <paramref name="replicaDirectory"/> (pg_basebackup with
    /// <c>-R</c>: the copy follows this server's WAL) and starts it on a free port of its own.
    /// </summary>
    public async Task<LocalPostgresCluster> CreateStreamingReplicaAsync(string replicaDirectory, CancellationToken cancellationToken = default)
    {
        replicaDirectory = Path.GetFullPath(replicaDirectory);
        Directory.CreateDirectory(replicaDirectory);
        if (_runAsPostgresUser)
        {
            // The server copies every file of its directory, the password file too, which root wrote for itself.
            var chown = await RunProcessAsync("chown", ["postgres:postgres", replicaDirectory, Path.Combine(DataDirectory, PasswordFileName)], cancellationToken);
            if (chown.ExitCode != 0)
            {
                throw new LocalPostgresException($"Could not give {replicaDirectory} to the postgres user: {chown.Output}");
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(replicaDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var source = $"host=127.0.0.1 port={Port} user={UserName} password={_password} application_name=bw_replica";
        var backup = await RunAsync(_binDirectory, _runAsPostgresUser, "pg_basebackup",
            ["-d", source, "-D", replicaDirectory, "-R", "-X", "stream", "-c", "fast"], cancellationToken);
        if (backup.ExitCode != 0)
        {
            throw new LocalPostgresException($"pg_basebackup into {replicaDirectory} failed: {backup.Output}");
        }

        // The copy holds this cluster's password file too, so the replica starts like any cluster of ours.
        return await StartAsync(replicaDirectory, _logger, cancellationToken);
    }

    /// <summary>Where this cluster's server binaries are (pg_dump, pg_restore, psql are there too).</summary>
    public string BinDirectory => _binDirectory;

    /// <summary>PATH first, then <c>/usr/lib/postgresql/*/bin</c>, newest version first.</summary>
    public static string FindBinDirectory() =>
        FindBinDirectory((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries), "/usr/lib/postgresql");

    /// <summary>The first directory holding <c>initdb</c> and <c>pg_ctl</c>: <paramref name="pathDirectories"/> in order,
    /// then <c>&lt;versionsRoot&gt;/&lt;version&gt;/bin</c> from the highest version down.</summary>
    public static string FindBinDirectory(IEnumerable<string> pathDirectories, string versionsRoot)
    {
        var versionDirectories = Directory.Exists(versionsRoot)
            ? Directory.GetDirectories(versionsRoot)
                .Select(d => (Directory: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : 0))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Directory)
            : [];
        foreach (var directory in pathDirectories.Concat(versionDirectories))
        {
            var initdb = ResolveExecutable(Path.Combine(directory, "initdb"));
            if (initdb is not null && ResolveExecutable(Path.Combine(directory, "pg_ctl")) is not null)
            {
                // A PATH entry may hold only links (e.g. /usr/local/bin/initdb): use the directory they point into.
                return Path.GetDirectoryName(initdb)!;
            }
        }

        throw new PostgresNotFoundException(
            $"PostgreSQL was not found (looked on PATH and in {versionsRoot}/*/bin). Install it, e.g. on Debian or Ubuntu " +
            "'sudo apt-get install -y postgresql', or point the app at an existing server with the connection string " +
            "'ConnectionStrings:Default' (environment variable ConnectionStrings__Default).");
    }

    /// <summary>The file's real path after following links; null when it, or what it links to, does not exist.</summary>
    private static string? ResolveExecutable(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return null;
        }

        var target = file.ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? file.FullName : target.Exists ? target.FullName : null;
    }

    private static async Task InitializeAsync(string dataDirectory, string binDirectory, bool runAsPostgresUser, ILogger logger, CancellationToken cancellationToken)
    {
        logger.LogInformation("Creating a local PostgreSQL cluster in {DataDirectory}", dataDirectory);
        if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
        {
            throw new LocalPostgresException(
                $"{dataDirectory} is not empty but holds no PostgreSQL cluster. Remove it or set Database:LocalDataDirectory to another directory.");
        }

        Directory.CreateDirectory(dataDirectory);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var passwordFile = Path.Combine(Path.GetTempPath(), $"bw-pw-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        try
        {
            if (runAsPostgresUser)
            {
                // The server runs as 'postgres'; it must own its directory and be able to read the password file once.
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                }

                var chown = await RunProcessAsync("chown", ["postgres:postgres", dataDirectory], cancellationToken);
                if (chown.ExitCode != 0)
                {
                    throw new LocalPostgresException($"Could not give {dataDirectory} to the postgres user: {chown.Output}");
                }
            }

            var result = await RunAsync(binDirectory, runAsPostgresUser, "initdb",
                ["-D", dataDirectory, "-U", UserName, $"--pwfile={passwordFile}", "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
                cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new LocalPostgresException(
                    $"initdb failed for {dataDirectory}: {result.Output}" +
                    (runAsPostgresUser ? " (running as root, the 'postgres' user must be able to reach this directory)" : ""));
            }
        }
        catch
        {
            // Leave no half-made cluster behind: the next start tries again from scratch.
            TryDeleteDirectory(dataDirectory);
            throw;
        }
        finally
        {
            File.Delete(passwordFile);
        }

        var storedPassword = Path.Combine(dataDirectory, PasswordFileName);
        await File.WriteAllTextAsync(storedPassword, password, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(storedPassword, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static int? ReadRunningPort(string dataDirectory, string binDirectory, bool runAsPostgresUser)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var status = RunAsync(binDirectory, runAsPostgresUser, "pg_ctl", ["status", "-D", dataDirectory], CancellationToken.None).GetAwaiter().GetResult();
        if (status.ExitCode != 0)
        {
            return null;
        }

        // postmaster.pid line 4 holds the port.
        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    private static int FindFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDeleteDirectory(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static Task<ProcessResult> RunAsync(string binDirectory, bool runAsPostgresUser, string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(binDirectory, tool);
        return runAsPostgresUser
            ? RunProcessAsync("runuser", ["-u", "postgres", "--", executable, .. arguments], cancellationToken)
            : RunProcessAsync(executable, arguments, cancellationToken);
    }

    private static async Task<ProcessResult> RunProcessAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // Run from a directory every user can enter: postgres tools complain when they cannot read the cwd.
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new LocalPostgresException($"Could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {CommandTimeout.TotalSeconds} s");
        }

        return new ProcessResult(process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }

    private static bool IsRoot() => OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    private sealed record ProcessResult(int ExitCode, string Output);
}
