using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Microsoft.Playwright;
using SafeHome.Reports.Pdf;

namespace SafeHome.Benchmarks;

[ShortRunJob]
[MemoryDiagnoser]
[Config(typeof(PagesConfig))]
public partial class PdfRenderBenchmarks
{
    private static readonly PagePdfOptions PrintOptions = new()
    {
        Format = "A4",
        PrintBackground = true,
        DisplayHeaderFooter = true,
        HeaderTemplate = "<span></span>",
        FooterTemplate = "<div style=\"font-size:8pt;width:100%;text-align:center\">Page <span class=\"pageNumber\"></span> of <span class=\"totalPages\"></span></div>",
        Margin = new Margin { Top = "14.1mm", Left = "14.1mm", Right = "14.1mm", Bottom = "20.3mm" },
    };

    private readonly SkiaPdfEngine engine = new();
    private string[][] rows = [];
    private ScottPlot.Plot rawPlot = null!;
    private PdfDocument document = null!;
    private string html = string.Empty;
    private IPlaywright? playwright;
    private IBrowser? browser;
    private IPage? page;

    [GlobalSetup(Targets = [nameof(RawSkiaSharp), nameof(Layer)])]
    public void SetupSkia()
    {
        rows = MetricReport.Rows();
        PdfFonts.RegisterWithScottPlot();
        rawPlot = MetricReport.Plot();
        rawPlot.Font.Set(PdfFonts.FamilyName);
        document = MetricReport.Document(rows, MetricReport.Plot());
    }

    [GlobalSetup(Target = nameof(Chromium))]
    public async Task SetupChromium()
    {
        rows = MetricReport.Rows();
        html = MetricReport.Html(rows);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        page = await browser.NewPageAsync();
    }

    [GlobalCleanup(Target = nameof(Chromium))]
    public async Task CleanupChromium()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long RawSkiaSharp()
    {
        using var output = new MemoryStream();
        RawSkiaReport.Render(rows, rawPlot, output);
        return output.Length;
    }

    [Benchmark]
    public long Layer()
    {
        using var output = new MemoryStream();
        engine.Render(document, output);
        return output.Length;
    }

    [Benchmark]
    public async Task<long> Chromium()
    {
        await page!.SetContentAsync(html);
        var pdf = await page.PdfAsync(PrintOptions);
        return pdf.LongLength;
    }

    // Runs once in the host process so the summary can show pages and pages per second.
    public static int CountPages(string method)
    {
        var benchmarks = new PdfRenderBenchmarks();
        switch (method)
        {
            case nameof(RawSkiaSharp):
                benchmarks.SetupSkia();
                using (var output = new MemoryStream())
                {
                    return RawSkiaReport.Render(benchmarks.rows, benchmarks.rawPlot, output);
                }

            case nameof(Layer):
                benchmarks.SetupSkia();
                using (var output = new MemoryStream())
                {
                    return benchmarks.engine.Render(benchmarks.document, output).PageCount;
                }

            case nameof(Chromium):
                benchmarks.SetupChromium().GetAwaiter().GetResult();
                try
                {
                    benchmarks.page!.SetContentAsync(benchmarks.html).GetAwaiter().GetResult();
                    var pdf = benchmarks.page.PdfAsync(PrintOptions).GetAwaiter().GetResult();
                    return PageObject().Count(Encoding.Latin1.GetString(pdf));
                }
                finally
                {
                    benchmarks.CleanupChromium().GetAwaiter().GetResult();
                }

            default:
                return 0;
        }
    }

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();
}
