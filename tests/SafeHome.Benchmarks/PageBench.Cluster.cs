using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace SafeHome.Benchmarks;

/// Issue 17's benchmark: the resident overview and the notes list of the same 2,000-resident, 10-year program on
/// SQLite (one node, the baseline), on PostgreSQL with one node, and on PostgreSQL with two nodes sharing the load
/// round-robin, in one run on one machine, reported as ratios to the SQLite figures.
internal static partial class PageBench
{
    private const string BenchDatabase = "safehome_bench";

    public static async Task<int> RunClusterAsync(string[] args)
    {
        var server = Option(args, "--postgres") ?? Environment.GetEnvironmentVariable("SAFEHOME_TEST_POSTGRES");
        if (server is null)
        {
            await Console.Error.WriteLineAsync("cluster-bench needs a PostgreSQL server it may create a database on: --postgres \"Host=...;Username=...\" (or SAFEHOME_TEST_POSTGRES).");
            return 2;
        }

        var seconds = TimeSpan.FromSeconds(int.Parse(Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture));
        var warmup = TimeSpan.FromSeconds(int.Parse(Option(args, "--warmup") ?? "2", CultureInfo.InvariantCulture));
        var prewarm = TimeSpan.FromSeconds(int.Parse(Option(args, "--prewarm") ?? "20", CultureInfo.InvariantCulture));
        var json = Option(args, "--json");
        var (webDll, _) = BuiltServers();
        if (!File.Exists(webDll))
        {
            await Console.Error.WriteLineAsync($"Not built: {webDll} (dotnet build SafeHome.sln -c Release)");
            return 2;
        }

        // The SQLite data folder is page-bench's (one seeded folder serves both); the PostgreSQL installation keeps its
        // keys and seed file in a folder inside it, and its data in a database of its own on the server.
        var folder = Path.GetFullPath(Option(args, "--db-folder") ?? Path.Combine(Path.GetTempPath(), "safehome-cluster-bench"));
        var pgFolder = Path.Combine(folder, "postgres");
        Directory.CreateDirectory(pgFolder);
        var postgres = await EnsureDatabaseAsync(server);
        if (await SeededAsync(webDll, folder) is not { } sqliteSeed || await SeededAsync(webDll, pgFolder, postgres) is not { } pgSeed)
        {
            return 1;
        }

        string[] common = ["--Database:MigrateOnStartup=true"];
        await using var sqlite = await ServerProcess.StartAsync("SafeHome on SQLite", webDll, [.. common, .. DatabaseArguments(folder, null)], []);
        await using var nodeA = await ServerProcess.StartAsync("SafeHome on PostgreSQL, node A", webDll, [.. common, .. DatabaseArguments(pgFolder, postgres)], []);
        await using var nodeB = await ServerProcess.StartAsync("SafeHome on PostgreSQL, node B", webDll, [.. common, .. DatabaseArguments(pgFolder, postgres)], []);
        if (sqlite is null || nodeA is null || nodeB is null)
        {
            return 1;
        }

        // Signed in on node A only: the cookie works on B because the nodes share one key ring.
        var pgCookie = await SignInAsync(nodeA.BaseUri, pgSeed.Counselor);
        var setups = new (string Name, ServerProcess[] Nodes, string Cookie, BenchSeed Seed)[]
        {
            ("SQLite, one node", [sqlite], await SignInAsync(sqlite.BaseUri, sqliteSeed.Counselor), sqliteSeed),
            ("PostgreSQL, one node", [nodeA], pgCookie, pgSeed),
            ("PostgreSQL, two nodes", [nodeA, nodeB], pgCookie, pgSeed),
        };
        var pages = new (string Name, Func<BenchSeed, string> Path)[]
        {
            ("resident overview", s => $"/Residents/Details/{s.ResidentId}"),
            ("notes list", s => $"/Notes/{s.ResidentId}"),
        };

        foreach (var (name, seed) in new[] { ("SQLite", sqliteSeed), ("PostgreSQL", pgSeed) })
        {
            Console.WriteLine($"{name}: {seed.Residents:N0} residents, {seed.Notes:N0} notes, {seed.AuditEntries:N0} audit entries; the resident: {seed.ResidentNotes} notes, {seed.ResidentAuditEntries:N0} audit entries");
        }

        Console.WriteLine($"Load: {Connections} connections; every row driven for {prewarm.TotalSeconds:F0} s in all first, then {warmup.TotalSeconds:F0} s warm-up and {seconds.TotalSeconds:F0} s measured");
        foreach (var setup in setups)
        {
            foreach (var page in pages)
            {
                _ = await LoadAsync(setup.Nodes, page.Path(setup.Seed), setup.Cookie, TimeSpan.Zero, prewarm / (setups.Length * pages.Length));
            }
        }

        var rows = new List<ClusterResult>();
        foreach (var page in pages)
        {
            LoadResult? baseline = null;
            foreach (var setup in setups)
            {
                var result = await LoadAsync(setup.Nodes, page.Path(setup.Seed), setup.Cookie, warmup, seconds);
                baseline ??= result;
                rows.Add(new ClusterResult(
                    page.Name, setup.Name, result.RequestsPerSecond, result.P95, result.Errors,
                    result.RequestsPerSecond / baseline.RequestsPerSecond, result.P95 / baseline.P95, result.CpuMillisecondsPerRequest));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{"page",-18} {"setup",-22} {"req/s",8} {"p95 ms",8} {"errors",7} {"req/s ÷ SQLite",15} {"p95 ÷ SQLite",13} {"CPU ms",7}");
        foreach (var r in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Page,-18} {r.Setup,-22} {r.RequestsPerSecond,8:F1} {r.P95,8:F1} {r.Errors,7} {r.ThroughputRatio,15:F2} {r.P95Ratio,13:F2} {r.CpuMillisecondsPerRequest,7:F2}"));
        }

        if (json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { DateTime.UtcNow, Environment.ProcessorCount, Connections, Seconds = seconds.TotalSeconds, Rows = rows }, Indented));
            Console.WriteLine($"Results written to {Path.GetFullPath(json)}");
        }

        // Only 200s count: an error on any row (a cookie refused by the other node, say) fails the run.
        return rows.All(r => r.Errors == 0) ? 0 : 1;
    }

    private static async Task<string> EnsureDatabaseAsync(string server)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{BenchDatabase}'", connection);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {BenchDatabase}", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = BenchDatabase }.ConnectionString;
    }
}

internal sealed record ClusterResult(
    string Page, string Setup, double RequestsPerSecond, double P95, int Errors, double ThroughputRatio, double P95Ratio, double CpuMillisecondsPerRequest);
