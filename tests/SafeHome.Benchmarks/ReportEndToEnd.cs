using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Reporting;
using SafeHome.Domain.Outcomes;
using SafeHome.Reports.Outcomes;
using SafeHome.Reports.Pdf;

namespace SafeHome.Benchmarks;

/// `report-e2e`: the outcome report end to end on the synthetic program (2,000 residents over ten years), exactly as
/// the report job builds it: load the records, compute the metrics, lay out the PDF. Seeds a temporary database (or
/// reuses the one given with --db), then measures each period in a fresh child process so the peak working set is
/// the report's own, not the seeding's.
internal static class ReportEndToEnd
{
    public const double TargetSeconds = 15;
    public const double TargetMegabytes = 500;

    internal static readonly (string Key, ReportingPeriod Period)[] Periods =
    [
        ("2025", ReportingPeriod.Year(2025)),
        ("2025Q4", ReportingPeriod.Quarter(2025, 4)),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var db = Option(args, "--db");
        var runs = int.Parse(Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        if (Option(args, "--measure") is { } periodKey)
        {
            return await MeasureAsync(db ?? throw new ArgumentException("--measure needs --db"), Periods.Single(p => p.Key == periodKey).Period, runs, args.Contains("--verbose"));
        }

        string? tempFolder = null;
        if (db is null)
        {
            tempFolder = Path.Combine(Path.GetTempPath(), "safehome-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(tempFolder);
            db = Path.Combine(tempFolder, "synthetic.db");
        }

        try
        {
            if (File.Exists(db))
            {
                Console.WriteLine($"Reusing the seeded database {db}");
            }
            else
            {
                Console.WriteLine($"Seeding the synthetic program into {db} ...");
                var seed = await SyntheticProgram.CreateAsync(db, Console.Out, CancellationToken.None);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                    Seeded in {seed.Elapsed.TotalSeconds:F1} s (not measured): {seed.Residents:N0} residents, {seed.Stays:N0} stays ({seed.Readmissions:N0} readmissions),
                      {seed.Episodes:N0} missing episodes ({seed.OpenEpisodes:N0} never returned), {seed.Notifications:N0} notifications made, {seed.Debriefs:N0} debriefs, {seed.Screens:N0} screens,
                      {seed.ExploitationEvents:N0} exploitation events, {seed.Plans:N0} approved plan versions, {seed.Reviews:N0} plan reviews, {seed.Notes:N0} progress notes;
                      file size {new FileInfo(db).Length / 1048576.0:F0} MB
                    """));
            }

            var failed = false;
            foreach (var (key, _) in Periods)
            {
                string[] child = ["report-e2e", "--measure", key, "--db", db, "--runs", runs.ToString(CultureInfo.InvariantCulture)];
                failed |= await ChildAsync(args.Contains("--verbose") ? [.. child, "--verbose"] : child) != 0;
            }

            Console.WriteLine(failed ? "RESULT: FAIL (a target was missed)" : "RESULT: PASS (all targets met)");
            return failed ? 1 : 0;
        }
        finally
        {
            if (tempFolder is not null && !args.Contains("--keep"))
            {
                Directory.Delete(tempFolder, recursive: true);
            }
            else if (tempFolder is not null)
            {
                Console.WriteLine($"Kept the seeded database: --db {db}");
            }
        }
    }

    /// Runs this program again as a fresh process, with its output passed straight through.
    private static async Task<int> ChildAsync(IEnumerable<string> arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ReportEndToEnd).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the measuring process.");
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    internal static OutcomeReportSettings Settings { get; } = new("Benchmark program", 11, new MetricOptions());

    /// As the app configures it (DatabaseServiceCollectionExtensions): SQLite with its pragmas, pooled connections.
    internal static DbContextOptions<SafeHomeDbContext> MeasuredOptions(string path) =>
        new DbContextOptionsBuilder<SafeHomeDbContext>()
            .UseSqlite($"Data Source={path}", o => o.MigrationsAssembly(DatabaseServiceCollectionExtensions.SqliteMigrationsAssembly))
            .AddInterceptors(new SqlitePragmas())
            .Options;

    private static async Task<int> MeasureAsync(string path, ReportingPeriod period, int runs, bool verbose)
    {
        var options = MeasuredOptions(path);
        var settings = Settings;
        var engine = new SkiaPdfEngine();

        using var sampler = new HeapSampler();
        var results = new List<RunResult>();
        for (var run = 0; run <= runs; run++)
        {
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            MetricDataset data;
            await using (var db = new SafeHomeDbContext(options))
            {
                data = await OutcomeDataLoader.LoadAsync(db, period.End, CancellationToken.None);
            }

            var loaded = watch.Elapsed;
            var allocatedLoaded = GC.GetTotalAllocatedBytes(precise: true);
            var model = OutcomeReport.Build(data, period, settings, DateTime.UtcNow, 1);
            var built = watch.Elapsed;
            var allocatedBuilt = GC.GetTotalAllocatedBytes(precise: true);
            var pdf = OutcomeReportPdf.Render(model, engine, archival: true);
            var rendered = watch.Elapsed;
            var allocatedRendered = GC.GetTotalAllocatedBytes(precise: true);
            var result = new RunResult(
                loaded, built - loaded, rendered - built, rendered, pdf.PageCount, pdf.Bytes.Length,
                [allocatedLoaded - allocatedBefore, allocatedBuilt - allocatedLoaded, allocatedRendered - allocatedBuilt, allocatedRendered - allocatedBefore], model);
            if (run > 0)
            {
                results.Add(result);
            }
            else
            {
                Console.WriteLine();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== Outcome report {period.Label} ({period.Start:yyyy-MM-dd} to {period.End:yyyy-MM-dd}), {runs} measured runs after 1 warm-up"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   records loaded: {data.Residents.Count:N0} residents, {data.Stays.Count:N0} stays, {data.Episodes.Count:N0} episodes, {data.Notifications.Count:N0} notifications, {data.Debriefs.Count:N0} debriefs, {data.Screens.Count:N0} screens,"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {data.ExploitationEvents.Count:N0} exploitation events, {data.Plans.Count:N0} plans, {data.Goals.Count:N0} goals, {data.Objectives.Count:N0} objectives, {data.Reviews.Count:N0} reviews, {data.ObjectiveRatings.Count:N0} ratings, {data.Notes.Count:N0} notes"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   warm-up: {rendered.TotalSeconds:F2} s"));
            }
        }

        var peakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        var maxHeap = sampler.MaxHeapBytes / 1048576.0;
        Console.WriteLine("   stage                      min s   median s    max s   allocated MB");
        Row("load (OutcomeDataLoader)", results.Select(r => r.Load), results[^1].Allocated[0]);
        Row("build (OutcomeReport)", results.Select(r => r.Build), results[^1].Allocated[1]);
        Row("render (OutcomeReportPdf)", results.Select(r => r.Render), results[^1].Allocated[2]);
        Row("total", results.Select(r => r.Total), results[^1].Allocated[3]);
        var last = results[^1];
        var worst = results.Max(r => r.Total).TotalSeconds;
        var timeOk = worst < TargetSeconds;
        var memoryOk = peakWorkingSet < TargetMegabytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   pages: {last.Pages}, PDF {last.Bytes / 1024.0:F0} KB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   peak working set {peakWorkingSet:F0} MB, max GC heap size {maxHeap:F0} MB ({(GCSettings.IsServerGC ? "server" : "workstation")} GC)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   time   < {TargetSeconds} s  : {(timeOk ? "PASS" : "FAIL")} (slowest run {worst:F2} s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   memory < {TargetMegabytes} MB: {(memoryOk ? "PASS" : "FAIL")} (peak working set {peakWorkingSet:F0} MB)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   cells withheld by suppression: {last.Model.SuppressedCells}"));
        ReportOddities(last.Model);
        if (verbose)
        {
            foreach (var row in last.Model.Sections.SelectMany(s => s.Metrics))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"     {row.Id,-4} {row.Name,-48} {Show(row.Value),10} = {Show(row.Numerator)} / {Show(row.Denominator)} {row.Unit}"));
            }
        }

        return timeOk && memoryOk ? 0 : 2;
    }

    /// Metrics that came out empty on this data: worth a look, since the synthetic program has every kind of record.
    private static void ReportOddities(OutcomeReportModel model)
    {
        var empty = model.Sections.SelectMany(s => s.Metrics)
            .Select(r => (r.Id, Why: !r.Recorded ? "not recorded"
                : r.Value.Withheld ? "withheld"
                : r.Value.Value is not { } v ? "not applicable"
                : double.IsFinite(v) ? null : "NaN/infinite"))
            .Where(r => r.Why is not null)
            .Select(r => $"{r.Id} {r.Why}")
            .ToList();
        Console.WriteLine(empty.Count == 0 ? "   every metric has a published value" : $"   metrics without a published value: {string.Join(", ", empty)}");
    }

    private static string Show(Figure figure) =>
        figure.Withheld ? "withheld" : figure.Value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "n/a";

    private static void Row(string stage, IEnumerable<TimeSpan> times, long allocated)
    {
        var sorted = times.Select(t => t.TotalSeconds).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {stage,-25} {sorted[0],7:F2} {sorted[sorted.Count / 2],9:F2} {sorted[^1],8:F2} {allocated / 1048576.0,14:F0}"));
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private sealed record RunResult(TimeSpan Load, TimeSpan Build, TimeSpan Render, TimeSpan Total, int Pages, int Bytes, long[] Allocated, OutcomeReportModel Model);

    /// The largest GC heap seen, polled every 10 ms (GetGCMemoryInfo reports the heap as of the last collection).
    private sealed class HeapSampler : IDisposable
    {
        private readonly Timer timer;
        private long max;

        public HeapSampler() => timer = new Timer(_ => Sample(), null, 0, 10);

        public long MaxHeapBytes
        {
            get
            {
                Sample();
                return Interlocked.Read(ref max);
            }
        }

        public void Dispose() => timer.Dispose();

        private void Sample()
        {
            var size = Math.Max(GC.GetGCMemoryInfo().HeapSizeBytes, GC.GetTotalMemory(forceFullCollection: false));
            long seen;
            while (size > (seen = Interlocked.Read(ref max)) && Interlocked.CompareExchange(ref max, size, seen) != seen)
            {
            }
        }
    }
}
