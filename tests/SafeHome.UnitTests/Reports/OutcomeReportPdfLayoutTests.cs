using SafeHome.Reports.Outcomes;
using SafeHome.Reports.Pdf;
using static SafeHome.UnitTests.Reports.OutcomeReportSamples;
using Letter = UglyToad.PdfPig.Content.Letter;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace SafeHome.UnitTests.Reports;

// Issue 13, item 4: the PDF's text and charts say no more and no less than the model.
public sealed class OutcomeReportPdfLayoutTests
{
    private const float HeadingSize = 11.5f;

    [Theory]
    [InlineData(12345, "count", "", "12,345")]
    [InlineData(0, "count", "", "0")]
    [InlineData(12, "count", "episodes", "12")]
    [InlineData(40, "value", "%", "40.0%")]
    [InlineData(33.3333, "value", "%", "33.3%")]
    [InlineData(100, "value", "%", "100.0%")]
    [InlineData(1.5, "value", "per 1,000 resident-days", "1.50")]
    [InlineData(2.4567, "value", "per 1,000 resident-days", "2.46")]
    [InlineData(3, "value", "per 1,000 resident-days", "3.00")]
    [InlineData(12, "value", "hours", "12.0")]
    [InlineData(12.24, "value", "hours", "12.2")]
    [InlineData(1234.56, "value", "days", "1,234.6")]
    [InlineData(50, "value", "T-score", "50.0")]
    [InlineData(4.25, "value", "score", "4.3")]
    [InlineData(-0.05, "value", "days", "-0.1")]
    public void Format_prints_one_fixed_number_of_decimals_per_kind_of_figure(double value, string format, string unit, string expected)
    {
        Assert.Equal(expected, OutcomeReportPdf.Format(new Figure(value, false, format), unit));
    }

    [Theory]
    [InlineData("")]
    [InlineData("%")]
    [InlineData("per 1,000 resident-days")]
    public void Format_prints_withheld_and_na_in_words_whatever_the_unit(string unit)
    {
        Assert.Equal("withheld", OutcomeReportPdf.Format(Withheld, unit));
        Assert.Equal("withheld", OutcomeReportPdf.Format(Figure.Hidden, unit));
        Assert.Equal("n/a", OutcomeReportPdf.Format(NotApplicable, unit));
    }

    [Fact]
    public void A_trend_with_a_withheld_middle_quarter_is_drawn_as_two_segments()
    {
        var series = Trend("M1", "Episodes", "%", Value(10), Value(20), Value(30), Withheld, Value(40), Value(50), Value(60), Value(70));

        var segments = OutcomeReportPdf.Segments(series.Points);

        Assert.Equal(2, segments.Count);
        Assert.Equal([(0, 10d), (1, 20d), (2, 30d)], segments[0]);
        Assert.Equal([(4, 40d), (5, 50d), (6, 60d), (7, 70d)], segments[1]);
    }

    [Fact]
    public void Every_withheld_or_na_quarter_breaks_the_line_and_a_lone_quarter_is_a_segment_of_its_own()
    {
        var series = Trend("M1", "Episodes", "%", Withheld, Value(1), NotApplicable, Value(2), Value(3), Withheld, NotApplicable, Value(4));

        var segments = OutcomeReportPdf.Segments(series.Points);

        Assert.Equal([[(1, 1d)], [(3, 2d), (4, 3d)], [(7, 4d)]], segments.Select(s => s.ToArray()).ToArray());
        Assert.Empty(OutcomeReportPdf.Segments(Trend("M1", "Episodes", "%", Withheld, NotApplicable).Points));
    }

    [Fact]
    public void A_chart_with_every_quarter_withheld_says_why_it_is_empty()
    {
        var model = WorkedExample() with { Trends = [Trend("M7", "Trafficking screen after return", "%", [.. Enumerable.Repeat(Withheld, 8)])] };

        var text = Text(Render(model));

        Assert.Contains($"Every quarter withheld (fewer than {Threshold} behind the figure)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_with_no_quarter_to_divide_by_says_there_is_no_data()
    {
        var model = WorkedExample() with { Trends = [Trend("M7", "Trafficking screen after return", "%", [.. Enumerable.Repeat(NotApplicable, 8)])] };

        var text = Text(Render(model));

        Assert.Contains("No data in these quarters", text, StringComparison.Ordinal);
        Assert.Null(OutcomeReportPdf.EmptyChartReason(Trend("M7", "x", "%", NotApplicable, Value(0)), Threshold));
    }

    [Fact]
    public void Withheld_and_na_are_each_explained_once_with_the_threshold()
    {
        var model = WorkedExample();
        model = model with { Trends = [.. model.Trends, Trend("M7", "Trafficking screen after return", "%", Value(50), NotApplicable, Withheld)] };

        var text = Text(Render(model));

        Assert.Equal(1, Occurrences(text, "nothing to divide by"));
        Assert.Equal(1, Occurrences(text, $"fewer than {Threshold} youth, events or records"));
    }

    [Fact]
    public void A_breakdown_is_a_table_with_one_part_and_its_count_per_line()
    {
        var model = WorkedExample();
        var metric = model.Sections.SelectMany(s => s.Metrics).First(m => m.Parts.Count >= 3);

        using var pdf = PigDocument.Open(Render(model));
        var lines = pdf.GetPages().SelectMany(Lines).Select(l => l.Text).ToList();

        // A statistics table may sit beside the breakdown, so its row can share the line.
        foreach (var part in metric.Parts)
        {
            Assert.Contains(lines, l => l.StartsWith($"{part.Label} {OutcomeReportPdf.Format(part.Count)}", StringComparison.Ordinal));
        }

        Assert.Contains(lines, l => l.StartsWith($"Total {OutcomeReportPdf.Format(metric.PartsTotal)}", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains($"{metric.Parts[0].Label}: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(23)]
    [InlineData(31)]
    [InlineData(40)]
    public void No_page_ends_with_a_heading(int sections)
    {
        using var pdf = PigDocument.Open(Render(ManySections(sections)));
        var headings = 0;

        foreach (var page in pdf.GetPages())
        {
            var body = Lines(page).Where(l => !l.Text.StartsWith("Aggregate data only", StringComparison.Ordinal)).ToList();
            headings += body.Count(l => l.IsHeading);
            var last = body.MinBy(l => l.Baseline);
            Assert.False(last is { IsHeading: true }, $"Page {page.Number} ends with the heading '{last?.Text}'.");
        }

        Assert.True(headings > sections);
    }

    private static byte[] Render(OutcomeReportModel model) => OutcomeReportPdf.Render(model, new SkiaPdfEngine(), archival: false).Bytes;

    private static string Text(byte[] pdf)
    {
        using var document = PigDocument.Open(pdf);
        return string.Join('\n', document.GetPages().SelectMany(Lines).Select(l => l.Text));
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    // Words grouped by baseline, top of the page first; a line is a heading when every letter is heading-sized.
    private static IEnumerable<Line> Lines(UglyToad.PdfPig.Content.Page page) =>
        page.GetWords()
            .GroupBy(w => Math.Round(w.Letters[0].StartBaseLine.Y))
            .OrderByDescending(g => g.Key)
            .Select(g => new Line(
                string.Join(' ', g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text)),
                g.Key,
                g.SelectMany(w => w.Letters).All(IsHeadingSized)));

    private static bool IsHeadingSized(Letter letter) => letter.PointSize >= HeadingSize;

    private sealed record Line(string Text, double Baseline, bool IsHeading);
}
