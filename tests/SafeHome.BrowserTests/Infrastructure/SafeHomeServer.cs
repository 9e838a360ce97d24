using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace SafeHome.BrowserTests.Infrastructure;

/// The real app as a child process: the Web project's build output run with `dotnet SafeHome.Web.dll` on a
/// loopback port chosen by Kestrel, in Development, with its SQLite database in a fresh temporary folder.
/// Everything it prints is kept so a failing test can show it.
public sealed partial class SafeHomeServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _dataFolder;
    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();
    private readonly bool _seedDemo;
    private readonly TaskCompletionSource<Uri> _setupLink = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SafeHomeServer(Process process, string dataFolder, bool seedDemo)
    {
        _process = process;
        _dataFolder = dataFolder;
        _seedDemo = seedDemo;
    }

    /// Scheme, host and port the app listens on, e.g. http://127.0.0.1:40123/.
    public Uri BaseAddress { get; private set; } = null!;

    /// The one-time link printed on first start to create the first administrator.
    public Uri SetupLink { get; private set; } = null!;

    /// Everything the app printed so far, stdout and stderr interleaved.
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// Demo accounts printed by `--seed-demo`, by email: password and authenticator key.
    public IReadOnlyDictionary<string, (string Password, string AuthenticatorKey)> DemoAccounts { get; private set; } =
        new Dictionary<string, (string, string)>();

    /// The app on a fresh data folder. With <paramref name="seedDemo"/> it is filled with the invented demo program
    /// (an administrator exists, so no setup link is printed): the start is complete when Kestrel says it listens.
    /// <paramref name="settings"/> are configuration keys (e.g. "Jobs:MissingAlertsCron") passed as environment variables.
    public static async Task<SafeHomeServer> StartAsync(CancellationToken cancellationToken, bool seedDemo = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        var webDll = LocateWebAssembly();
        var dataFolder = Directory.CreateTempSubdirectory("safehome-browser-").FullName;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            // Kestrel picks a free port for :0 and reports it in the printed setup link, so no port can race.
            ArgumentList = { webDll, "--urls", "http://127.0.0.1:0" },
            WorkingDirectory = Path.Combine(RepositoryRoot(), "src", "SafeHome.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["Database__DataFolder"] = dataFolder,
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            },
        };
        if (seedDemo)
        {
            start.ArgumentList.Add("--seed-demo");
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new SafeHomeServer(process, dataFolder, seedDemo);
        process.OutputDataReceived += (_, e) => server.Receive(e.Data);
        process.ErrorDataReceived += (_, e) => server.Receive(e.Data);
        process.Exited += (_, _) => server._setupLink.TrySetCanceled();
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.StandardInput.Close();

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            try
            {
                server.SetupLink = await server._setupLink.Task.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException ex)
            {
                string problem;
                if (process.HasExited)
                {
                    // Let the output readers reach the end of the streams, so the message shows all of it.
                    await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
                    problem = $"SafeHome exited with code {process.ExitCode} before printing the setup link";
                }
                else
                {
                    problem = $"SafeHome did not print the setup link within {StartTimeout.TotalSeconds:0} s";
                }

                throw new InvalidOperationException(
                    $"{problem}. Command: dotnet {webDll} --urls http://127.0.0.1:0{Environment.NewLine}"
                    + $"--- output ---{Environment.NewLine}{server.Output}", ex);
            }

            server.BaseAddress = new Uri(server.SetupLink.GetLeftPart(UriPartial.Authority) + "/");
            if (seedDemo)
            {
                server.DemoAccounts = DemoAccountPattern().Matches(server.Output)
                    .ToDictionary(m => m.Groups["email"].Value, m => (m.Groups["password"].Value, m.Groups["key"].Value));
            }

            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// Runs an operator verb (e.g. create-user) on the same installation, as an operator at the server's console
    /// would, with <paramref name="input"/> on its standard input. Returns the exit code and everything it printed.
    public async Task<(int ExitCode, string Output)> RunVerbAsync(string input, CancellationToken cancellationToken, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.Combine(RepositoryRoot(), "src", "SafeHome.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["Database__DataFolder"] = _dataFolder,
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        start.ArgumentList.Add(LocateWebAssembly());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var verb = Process.Start(start)!;
        await verb.StandardInput.WriteLineAsync(input.AsMemory(), cancellationToken);
        verb.StandardInput.Close();
        var output = verb.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = verb.StandardError.ReadToEndAsync(cancellationToken);
        await verb.WaitForExitAsync(cancellationToken);
        return (verb.ExitCode, await output + await error);
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }

        // A demo start has an administrator, so no setup link: the listening address stands in for it.
        var match = _seedDemo ? ListeningPattern().Match(line) : SetupLinkPattern().Match(line);
        if (match.Success)
        {
            _setupLink.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Never started, or already gone: nothing left to stop.
        }
        finally
        {
            _process.Dispose();
            DeleteDataFolder();
        }
    }

    private void DeleteDataFolder()
    {
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover folder in the temp directory is not worth failing a test over.
        }
    }

    /// src/SafeHome.Web/bin/&lt;Configuration&gt;/net10.0/SafeHome.Web.dll, built with the same configuration as this
    /// test assembly (the test project references the Web project without referencing its assembly).
    private static string LocateWebAssembly()
    {
        var configuration = typeof(SafeHomeServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var targetFramework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var path = Path.Combine(RepositoryRoot(), "src", "SafeHome.Web", "bin", configuration, targetFramework, "SafeHome.Web.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"SafeHome.Web is not built for {configuration}: {path} is missing. Build the solution first.", path);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SafeHome.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains SafeHome.sln.");
    }

    [GeneratedRegex(@"(?<url>https?://\S+?/Account/Setup\?token=[0-9a-f]+)", RegexOptions.CultureInvariant)]
    private static partial Regex SetupLinkPattern();

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ListeningPattern();

    [GeneratedRegex(@"(?<email>demo\.[a-z0-9]+@example\.invalid)\s+(?<password>\S+)\s*\n\s*authenticator key (?<key>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex DemoAccountPattern();
}
