using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SafeHome.IntegrationTests.Infrastructure;

/// A throwaway PostgreSQL cluster in a temp folder (DESIGN.md: initdb and pg_ctl from /usr/lib/postgresql/*/bin, as
/// the postgres system user when the tests run as root), started once for a test class and removed after it. Each
/// test gets its own database.
public sealed class PostgresCluster : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "safehome-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private string _bin = string.Empty;
    private int _port;

    public async ValueTask InitializeAsync()
    {
        _bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).OrderDescending().FirstOrDefault(b => File.Exists(Path.Combine(b, "pg_ctl")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed: /usr/lib/postgresql/<version>/bin/pg_ctl was not found (apt-get install -y postgresql).");
        Directory.CreateDirectory(_folder);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres:postgres", _folder);
        }

        _port = FreePort();
        await RunPostgresAsync("initdb", "-D", Path.Combine(_folder, "data"), "-A", "trust", "-U", "postgres", "--no-sync");
        await RunPostgresAsync("pg_ctl", "-D", Path.Combine(_folder, "data"), "-o", string.Create(CultureInfo.InvariantCulture, $"-p {_port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off"), "-l", Path.Combine(_folder, "log"), "-w", "start");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunPostgresAsync("pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// A new, empty database on the cluster; the app's migrations build the schema.
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "safehome_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    /// What an operator's nightly pg_dump does: one consistent snapshot of a live database.
    public Task DumpAsync(string connectionString, string file) =>
        RunAsync(Path.Combine(_bin, "pg_dump"), [.. Client(connectionString), "--format=custom", "--file", file]);

    /// What an operator's pg_restore does: the dump put into a new, empty database, whose connection string is returned.
    public async Task<string> RestoreAsync(string file)
    {
        var target = await CreateDatabaseAsync();
        await RunAsync(Path.Combine(_bin, "pg_restore"), [.. Client(target), "--no-owner", file]);
        return target;
    }

    private static string[] Client(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return ["--host", builder.Host!, "--port", builder.Port.ToString(CultureInfo.InvariantCulture), "--username", builder.Username!, "--dbname", builder.Database!];
    }

    /// A database name nobody created, for testing what happens when an operator points the app at one.
    public string MissingDatabase() => ConnectionString("safehome_missing_" + Guid.NewGuid().ToString("N")[..12]);

    private string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=60");

    private Task RunPostgresAsync(string tool, params string[] arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
            : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output} {await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
