using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;

namespace SafeHome.Benchmarks;

/// Issue 16 item 3: audited views per second with 32 concurrent recorders on a SQLite file (WAL, synchronous=FULL),
/// recorded as before (each view its own transaction and commit, through the request's DbContext) and through the
/// group commit (AuditLog, one commit per batch), in the same process on the same file, each for the same time after a
/// warm-up. The chain is verified at the end.
///   dotnet run -c Release --project tests/SafeHome.Benchmarks -- audit-bench [--seconds 10] [--recorders 32]
public static class AuditBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var recorders = Option(args, "--recorders", 32);
        var folder = Path.Combine(Path.GetTempPath(), "safehome-bench-audit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddScoped<ICurrentUser, SystemUser>()
            .AddSafeHomeDatabase(new DatabaseOptions { DataFolder = folder }, folder)
            .BuildServiceProvider();
        try
        {
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>().Database.MigrateAsync();
            }

            var modes = new (string Name, Func<IServiceProvider, string, Task> Record)[]
            {
                ("one commit per view (before)", OneCommitPerViewAsync),
                ("group commit (after)", GroupCommitAsync),
            };
            foreach (var (_, record) in modes)
            {
                await MeasureAsync(services, record, recorders, TimeSpan.FromSeconds(2));
            }

            Console.WriteLine($"Audited views, {recorders} concurrent recorders, {seconds} s each, SQLite WAL synchronous=FULL ({folder}):");
            Console.WriteLine($"  {"mode",-30} {"views/s",9} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8}");
            foreach (var (name, record) in modes)
            {
                var (count, latencies) = await MeasureAsync(services, record, recorders, TimeSpan.FromSeconds(seconds));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name,-30} {count / (double)seconds,9:F0} {Quantile(latencies, 0.5),8:F1} {Quantile(latencies, 0.95),8:F1} {Quantile(latencies, 0.99),8:F1}"));
            }

            await using (var scope = services.CreateAsyncScope())
            {
                var report = await AuditChainVerifier.CheckAsync(scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>(), services.GetRequiredService<AuditChainKeeper>().Key, []);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  chain: {report.Checked} entries, {(report.Intact ? "intact" : "NOT INTACT: " + report.Message)}"));
                return report.Intact ? 0 : 1;
            }
        }
        finally
        {
            await services.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // What AuditLog did before the group commit: the entry added to the request's own context and saved there.
    private static async Task OneCommitPerViewAsync(IServiceProvider scoped, string key)
    {
        var db = scoped.GetRequiredService<SafeHomeDbContext>();
        db.AuditEntries.Add(new AuditEntry(DateTime.UtcNow, "bench-viewer", AuditActions.View, "Resident", key, changes: null));
        await db.SaveChangesAsync();
    }

    private static Task GroupCommitAsync(IServiceProvider scoped, string key) =>
        scoped.GetRequiredService<AuditLog>().RecordAsync(AuditActions.View, "Resident", key, "bench-viewer");

    private static async Task<(long Count, List<double> Latencies)> MeasureAsync(IServiceProvider services, Func<IServiceProvider, string, Task> record, int recorders, TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perRecorder = await Task.WhenAll(Enumerable.Range(0, recorders).Select(r => Task.Run(async () =>
        {
            var latencies = new List<double>();
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                await using (var scope = services.CreateAsyncScope())
                {
                    await record(scope.ServiceProvider, Guid.CreateVersion7().ToString());
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return latencies;
        })));
        var all = perRecorder.SelectMany(l => l).Order().ToList();
        return (all.Count, all);
    }

    private static double Quantile(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[(int)Math.Round(q * (sorted.Count - 1))];

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
