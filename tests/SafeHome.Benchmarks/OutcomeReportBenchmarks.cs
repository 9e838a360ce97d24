using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using SafeHome.Data;
using SafeHome.Data.Reporting;
using SafeHome.Domain.Outcomes;
using SafeHome.Reports.Outcomes;
using SafeHome.Reports.Pdf;

namespace SafeHome.Benchmarks;

/// The outcome report's stages over the synthetic program, under BenchmarkDotNet. Each benchmark process seeds its own
/// program (about 35 s) unless SAFEHOME_BENCH_DB names a seeded file (`report-e2e --keep` prints one).
[ShortRunJob]
[MemoryDiagnoser]
public class OutcomeReportBenchmarks
{
    private readonly SkiaPdfEngine engine = new();
    private string? tempFolder;
    private Microsoft.EntityFrameworkCore.DbContextOptions<SafeHomeDbContext> options = null!;
    private MetricDataset data = null!;
    private OutcomeReportModel model = null!;

    [Params("2025", "2025Q4")]
    public string Period { get; set; } = "2025";

    private ReportingPeriod Reporting => ReportEndToEnd.Periods.Single(p => p.Key == Period).Period;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var path = Environment.GetEnvironmentVariable("SAFEHOME_BENCH_DB");
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            tempFolder = Path.Combine(Path.GetTempPath(), "safehome-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(tempFolder);
            path = Path.Combine(tempFolder, "synthetic.db");
            await SyntheticProgram.CreateAsync(path, TextWriter.Null, CancellationToken.None);
        }

        options = ReportEndToEnd.MeasuredOptions(path);
        data = await Load();
        model = Build();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        if (tempFolder is not null)
        {
            Directory.Delete(tempFolder, recursive: true);
        }
    }

    [Benchmark]
    public async Task<MetricDataset> Load()
    {
        await using var db = new SafeHomeDbContext(options);
        return await OutcomeDataLoader.LoadAsync(db, Reporting.End, CancellationToken.None);
    }

    /// A copy of the dataset each time: the metrics cache their index per dataset instance (MetricIndex.For), and
    /// the report job never builds twice from one load.
    [Benchmark]
    public OutcomeReportModel Build() => OutcomeReport.Build(data with { }, Reporting, ReportEndToEnd.Settings, DateTime.UtcNow, 1);

    [Benchmark]
    public RenderedReport Render() => OutcomeReportPdf.Render(model, engine, archival: true);

    [Benchmark]
    public async Task<RenderedReport> EndToEnd()
    {
        MetricDataset loaded;
        await using (var db = new SafeHomeDbContext(options))
        {
            loaded = await OutcomeDataLoader.LoadAsync(db, Reporting.End, CancellationToken.None);
        }

        return OutcomeReportPdf.Render(OutcomeReport.Build(loaded, Reporting, ReportEndToEnd.Settings, DateTime.UtcNow, 1), engine, archival: true);
    }
}
