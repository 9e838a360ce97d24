using System.Text;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Residents;
using SafeHome.Reports.Outcomes;
using SafeHome.Reports.Pdf;
using SafeHome.UnitTests.Outcomes;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace SafeHome.UnitTests.Reports.Pdf;

/// Skia embeds the shipped fonts whole, so they are most of a report's size: they are cut down to the characters the
/// reports write (Fonts/README.txt), and anything else must still render.
public sealed class PdfSizeTests
{
    private const int MaxBytesPerTenPages = 300_000;
    private static readonly DateTime GeneratedAt = new(2026, 4, 10, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_full_outcome_report_stays_under_300_KB_per_ten_pages_and_keeps_its_text()
    {
        var model = FullReport();

        var pdf = OutcomeReportPdf.Render(model, new SkiaPdfEngine(), archival: true);

        Assert.True(pdf.PageCount >= 8, $"{pdf.PageCount} pages: not a full report.");
        var perTenPages = pdf.Bytes.LongLength * 10 / pdf.PageCount;
        Assert.True(perTenPages < MaxBytesPerTenPages, $"{pdf.Bytes.Length:N0} bytes for {pdf.PageCount} pages: {perTenPages:N0} per ten pages.");
        using var read = PigDocument.Open(pdf.Bytes);
        var text = string.Join(' ', read.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Harbour Light Youth Program", text, StringComparison.Ordinal);
        Assert.Contains(MetricCatalog.All[0].Name, text, StringComparison.Ordinal);
        Assert.Contains("Resident-days", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_character_a_full_outcome_report_writes_is_in_the_shipped_fonts()
    {
        var model = FullReport();
        var engine = new RecordingEngine();

        OutcomeReportPdf.Render(model, engine, archival: true);

        var document = engine.Document!;
        var page = new PageContext(2, 11);
        var spans = document.Content.Append(document.Header!(page)).Append(document.Footer!(page)).SelectMany(Spans).ToList();
        Assert.Contains(spans, s => s.Text.Contains('·', StringComparison.Ordinal));
        var missing = spans
            .SelectMany(s => s.Text.EnumerateRunes().Where(r => !Rune.IsControl(r) && !PdfFonts.Get(s.Bold, s.Italic).ContainsGlyph(r.Value)))
            .Select(r => $"U+{r.Value:X4} {r}")
            .Distinct();
        Assert.Empty(missing);
    }

    [Fact]
    public void Text_outside_the_shipped_character_set_renders_without_failing()
    {
        var model = OutcomeReport.Build(OutcomeScenario.Build(), OutcomeScenario.Q1, new OutcomeReportSettings("Ωμέγα 希望之家 Résidence — Zoë", 11, new MetricOptions()), GeneratedAt, 1);

        var pdf = OutcomeReportPdf.Render(model, new SkiaPdfEngine(), archival: true);

        using var read = PigDocument.Open(pdf.Bytes);
        Assert.Equal(pdf.PageCount, read.NumberOfPages);
        var cover = read.GetPage(1).Text;
        Assert.Contains("Résidence", cover, StringComparison.Ordinal);
        Assert.Contains("Zoë", cover, StringComparison.Ordinal);
    }

    private static OutcomeReportModel FullReport() =>
        OutcomeReport.Build(RandomHome.Build(150, 20260410), RandomHome.Period, new OutcomeReportSettings("Harbour Light Youth Program", 11, new MetricOptions()), GeneratedAt, 3);

    private static IEnumerable<TextSpan> Spans(PdfElement element) => element switch
    {
        TextBlock block => block.Spans,
        Column column => column.Children.SelectMany(Spans),
        Row row => row.Cells.SelectMany(c => Spans(c.Content)),
        Table table => table.HeaderRows.Concat(table.Rows).SelectMany(r => r).SelectMany(Spans),
        KeepTogether keep => Spans(keep.Content),
        _ => [],
    };

    private sealed class RecordingEngine : IPdfEngine
    {
        public PdfDocument? Document { get; private set; }

        public PdfRenderResult Render(PdfDocument document, Stream output)
        {
            Document = document;
            return new PdfRenderResult(1);
        }
    }
}
