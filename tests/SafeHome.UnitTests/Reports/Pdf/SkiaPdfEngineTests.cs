using SafeHome.Reports.Pdf;
using SkiaSharp;
using Word = UglyToad.PdfPig.Content.Word;
using static SafeHome.UnitTests.Reports.Pdf.PdfTestRendering;

namespace SafeHome.UnitTests.Reports.Pdf;

public sealed class SkiaPdfEngineTests
{
    private const string Paragraph =
        "Residents in the programme reported steadier routines after the second quarter, and the share of planned " +
        "visits that took place rose in every region. Staff noted that shorter forms made follow-up calls easier " +
        "to record, while the weekly review kept open actions visible to the whole team.";

    private static readonly PageMargins Margins = PageMargins.Uniform(40);

    [Fact]
    public void Long_paragraph_wraps_within_a_narrow_column()
    {
        var bodyWidth = PageSize.A4.Width - Margins.Left - Margins.Right;
        var columnRight = Margins.Left + (bodyWidth / 3);
        var document = Document(new Row(
        [
            new RowCell(new TextBlock(Paragraph), 1),
            new RowCell(new Spacer(0), 2),
        ]));

        using var pdf = Open(document);
        var words = pdf.GetPage(1).GetWords().ToList();

        Assert.Equal(Paragraph.Split(' ').Length, words.Count);
        Assert.All(words, word => Assert.True(word.BoundingBox.Right <= columnRight + 0.5, $"'{word.Text}' ends at {word.BoundingBox.Right}, past {columnRight}"));
        Assert.True(DistinctLines(words) > 3);
    }

    [Fact]
    public void Word_longer_than_the_line_is_cut_without_losing_characters()
    {
        var longWord = string.Concat(Enumerable.Repeat("ABCDEFGHIJ", 20));
        var document = Document(new Row([new RowCell(new TextBlock(longWord), 1), new RowCell(new Spacer(0), 3)]));
        var columnRight = Margins.Left + ((PageSize.A4.Width - Margins.Left - Margins.Right) / 4);

        using var pdf = Open(document);
        var letters = pdf.GetPage(1).Letters;

        Assert.Equal(longWord, string.Concat(letters.Select(l => l.Value)));
        Assert.All(letters, letter => Assert.True(letter.EndBaseLine.X <= columnRight + 0.5));
        Assert.True(letters.Select(l => Math.Round(l.StartBaseLine.Y)).Distinct().Count() > 1);
    }

    [Fact]
    public void Explicit_newlines_start_new_lines()
    {
        using var pdf = Open(Document(new TextBlock("first\nsecond\n\nfourth")));
        var words = pdf.GetPage(1).GetWords().ToDictionary(w => w.Text, w => w.BoundingBox.Bottom);

        Assert.True(words["first"] > words["second"]);
        Assert.True(words["second"] - words["fourth"] > 1.5 * (words["first"] - words["second"]));
    }

    [Fact]
    public void Right_aligned_text_ends_at_the_right_edge()
    {
        using var pdf = Open(Document(new TextBlock("Total 42") { Alignment = TextAlignment.Right }));
        var right = pdf.GetPage(1).Letters.Max(l => l.EndBaseLine.X);

        Assert.Equal(PageSize.A4.Width - Margins.Right, right, 0.5);
    }

    [Fact]
    public void Table_header_repeats_on_every_page_and_every_row_appears_once_and_whole()
    {
        const int rowCount = 200;
        var table = new Table(
            [new TableColumn(1), new TableColumn(2), new TableColumn(1, TextAlignment.Right)],
            [[new TextBlock("Label", bold: true), new TextBlock("Description", bold: true), new TextBlock("Amount", bold: true)]],
            [.. Enumerable.Range(1, rowCount).Select(i => (IReadOnlyList<PdfElement>)
            [
                new TextBlock($"R{i:000}"),
                new TextBlock($"Synthetic row D{i:000}"),
                new TextBlock($"A{i:000}"),
            ])])
        { ZebraStripes = true };

        using var pdf = Open(Document(new TextBlock("Metric table") { FontSize = 14, SpaceAfter = 6 }, table));
        var pages = pdf.GetPages().Select(p => p.GetWords().Select(w => w.Text).ToList()).ToList();

        Assert.True(pages.Count > 2);
        Assert.All(pages, words => Assert.Equal(1, words.Count(w => w == "Description")));
        var all = pages.SelectMany(w => w).ToList();
        for (var i = 1; i <= rowCount; i++)
        {
            Assert.Equal(1, all.Count(w => w == $"R{i:000}"));
            var page = pages.Single(words => words.Contains($"R{i:000}"));
            Assert.Contains($"D{i:000}", page);
            Assert.Contains($"A{i:000}", page);
        }
    }

    [Fact]
    public void Table_header_is_drawn_above_the_rows_on_each_page()
    {
        var table = new Table(
            [new TableColumn(), new TableColumn()],
            [[new TextBlock("Heading"), new TextBlock("Other")]],
            [.. Enumerable.Range(1, 120).Select(i => (IReadOnlyList<PdfElement>)[new TextBlock($"Q{i}"), new TextBlock("x")])]);

        using var pdf = Open(Document(table));

        Assert.True(pdf.NumberOfPages > 1);
        foreach (var page in pdf.GetPages())
        {
            var words = page.GetWords().ToList();
            var heading = words.Single(w => w.Text == "Heading").BoundingBox.Bottom;
            Assert.All(words.Where(w => w.Text.StartsWith('Q')), w => Assert.True(w.BoundingBox.Top < heading));
        }
    }

    [Fact]
    public void Row_taller_than_a_page_is_split_between_lines()
    {
        var lines = string.Join('\n', Enumerable.Range(1, 150).Select(i => $"Line{i:000}"));
        var table = new Table(
            [new TableColumn(1), new TableColumn(3)],
            [[new TextBlock("Key"), new TextBlock("Notes")]],
            [[new TextBlock("K1"), new TextBlock(lines)], [new TextBlock("K2"), new TextBlock("after")]]);

        using var pdf = Open(Document(table));
        var pages = pdf.GetPages().ToList();
        var words = pages.SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();

        Assert.True(pages.Count >= 2);
        Assert.All(Enumerable.Range(1, 150), i => Assert.Equal(1, words.Count(w => w == $"Line{i:000}")));
        Assert.All(pages, p => Assert.Contains(p.GetWords(), w => w.Text == "Notes"));
        foreach (var page in pages)
        {
            // A line cut through would leave a glyph outside the page or overlapping the next page's header.
            Assert.All(page.Letters, l => Assert.True(l.BoundingBox.Bottom >= Margins.Bottom - 1));
        }
    }

    [Fact]
    public void Footer_shows_page_x_of_y_on_every_page()
    {
        var document = Document([.. Enumerable.Range(1, 12).Select(i => (PdfElement)new TextBlock(Paragraph + " " + Paragraph) { FontSize = 14, SpaceAfter = 8 })])
            with
        {
            Footer = page => new TextBlock($"Page {page.PageNumber} of {page.PageCount}") { FontSize = 8, Alignment = TextAlignment.Center },
            Header = _ => new TextBlock("Synthetic header") { FontSize = 8 },
        };

        using var pdf = Open(document);
        var count = pdf.NumberOfPages;

        Assert.True(count >= 3);
        foreach (var page in pdf.GetPages())
        {
            Assert.Contains($"Page {page.Number} of {count}", page.Text, StringComparison.Ordinal);
            var footerTop = page.GetWords().Where(w => w.Text == "Page").Max(w => w.BoundingBox.Top);
            var bodyBottom = page.GetWords().Where(w => w.Text is not ("Page" or "of") && !int.TryParse(w.Text, out _)).Min(w => w.BoundingBox.Bottom);
            Assert.True(bodyBottom > footerTop);
        }
    }

    [Fact]
    public void Bold_and_italic_spans_use_the_bold_and_oblique_fonts()
    {
        using var pdf = Open(Document(new TextBlock(
        [
            new TextSpan("plain "),
            new TextSpan("heavy ", Bold: true),
            new TextSpan("slanted ", Italic: true),
            new TextSpan("both", Bold: true, Italic: true),
        ])));
        var letters = pdf.GetPage(1).Letters;

        string FontOf(char c) => letters.First(l => l.Value == c.ToString()).FontName ?? string.Empty;

        Assert.EndsWith("DejaVuSans", FontOf('p'), StringComparison.Ordinal);
        Assert.EndsWith("DejaVuSans-Bold", FontOf('h'), StringComparison.Ordinal);
        Assert.EndsWith("DejaVuSans-Oblique", FontOf('s'), StringComparison.Ordinal);
        Assert.EndsWith("DejaVuSans-BoldOblique", FontOf('b'), StringComparison.Ordinal);
        Assert.Equal("plain heavy slanted both", pdf.GetPage(1).Text.Trim());
    }

    [Fact]
    public void Metadata_is_written_to_the_document()
    {
        using var pdf = Open(Document(new TextBlock("x")));
        var info = pdf.Information;

        Assert.Equal(Metadata.Title, info.Title);
        Assert.Equal(Metadata.Author, info.Author);
        Assert.Equal(Metadata.Subject, info.Subject);
        Assert.Equal(Metadata.Keywords, info.Keywords);
        Assert.Equal(Metadata.Creator, info.Creator);
        Assert.Equal(Metadata.Producer, info.Producer);
        Assert.Equal(Metadata.Created, info.GetCreatedDateTimeOffset());
    }

    [Fact]
    public void PdfA_flag_is_accepted_and_writes_xmp_metadata()
    {
        var document = Document(new TextBlock("archival")) with { Metadata = Metadata with { PdfA = true } };

        using var pdf = Open(document);

        Assert.True(pdf.TryGetXmpMetadata(out var xmp));
        Assert.Contains("pdfaid", System.Text.Encoding.UTF8.GetString(xmp.GetXmlBytes().ToArray()), StringComparison.Ordinal);
        Assert.Equal("archival", pdf.GetPage(1).Text);
    }

    [Fact]
    public void Image_is_embedded_at_its_size()
    {
        using var pdf = Open(Document(new TextBlock("Before"), new Image(Png(20, 10), 120, 60), new TextBlock("After")));
        var image = Assert.Single(pdf.GetPage(1).GetImages());

        Assert.Equal(120, image.BoundingBox.Width, 0.5);
        Assert.Equal(60, image.BoundingBox.Height, 0.5);
        Assert.Equal(20, image.WidthInSamples);
    }

    [Fact]
    public void Chart_is_drawn_as_vectors_with_extractable_text()
    {
        var plot = new ScottPlot.Plot();
        plot.Add.Scatter(new double[] { 1, 2, 3, 4, 5 }, new double[] { 3, 5, 4, 7, 6 });
        plot.Title("Weekly visits");
        plot.XLabel("Week number");

        using var pdf = Open(Document(new Chart(plot, 240)));
        var page = pdf.GetPage(1);
        var words = page.GetWords().Select(w => w.Text).ToList();

        Assert.Empty(page.GetImages());
        Assert.Contains("Weekly", words);
        Assert.Contains("Week", words);
        Assert.All(page.Letters, l => Assert.Contains("DejaVuSans", l.FontName, StringComparison.Ordinal));
        Assert.All(page.Letters, l => Assert.True(l.BoundingBox.Top <= PageSize.A4.Height - Margins.Top + 0.5));
    }

    [Fact]
    public void Chart_stays_inside_its_box()
    {
        var plot = new ScottPlot.Plot();
        plot.Add.Scatter(new double[] { 1, 2, 3 }, new double[] { 2, 1, 3 });
        plot.Title("Boxed");
        const float chartHeight = 200;
        var chartTop = PageSize.A4.Height - Margins.Top;
        var chartBottom = chartTop - chartHeight;

        using var pdf = Open(Document(new Chart(plot, chartHeight), new TextBlock("Below")));
        var page = pdf.GetPage(1);
        var below = page.GetWords().Single(w => w.Text == "Below");
        var chartLetters = page.Letters.Except(below.Letters).ToList();

        Assert.NotEmpty(chartLetters);
        Assert.True(below.BoundingBox.Top <= chartBottom + 0.5);
        Assert.All(chartLetters, l => Assert.InRange(l.BoundingBox.Bottom, chartBottom - 0.5, chartTop + 0.5));
        Assert.All(chartLetters, l => Assert.InRange(l.BoundingBox.Right, Margins.Left - 0.5, PageSize.A4.Width - Margins.Right + 0.5));
    }

    [Fact]
    public void Long_text_continues_on_the_next_page_between_lines()
    {
        var words = Enumerable.Range(1, 1500).Select(i => $"W{i:0000}").ToList();

        using var pdf = Open(Document(new TextBlock(string.Join(' ', words)) { FontSize = 12 }));
        var pages = pdf.GetPages().ToList();
        var extracted = pages.SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();

        Assert.True(pages.Count > 1);
        Assert.Equal(words, extracted);
        Assert.All(pages.SelectMany(p => p.Letters), l => Assert.True(l.BoundingBox.Bottom >= Margins.Bottom - 0.5));
    }

    [Fact]
    public void Row_that_does_not_fit_moves_whole_to_the_next_page()
    {
        var filler = new Spacer(PageSize.A4.Height - Margins.Top - Margins.Bottom - 30);
        var row = new Row([new RowCell(new TextBlock("Left\nsecond\nthird")), new RowCell(new TextBlock("Right"))], 10);

        using var pdf = Open(Document(filler, row));

        Assert.Equal(2, pdf.NumberOfPages);
        Assert.Empty(pdf.GetPage(1).GetWords());
        Assert.Equal(["Left", "Right", "second", "third"], pdf.GetPage(2).GetWords().Select(w => w.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void All_text_uses_the_shipped_DejaVu_font()
    {
        using var pdf = Open(Document(new TextBlock([new TextSpan("Regular "), new TextSpan("bold", Bold: true)])));

        Assert.All(pdf.GetPage(1).Letters.Where(l => l.Value != " "), l => Assert.Contains("DejaVuSans", l.FontName, StringComparison.Ordinal));
    }

    [Fact]
    public void Page_break_starts_a_new_page()
    {
        var (_, pages) = Render(Document(new TextBlock("one"), PageBreak.Instance, new TextBlock("two")));

        Assert.Equal(2, pages);
    }

    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 1)]
    public void Heading_that_would_end_a_page_moves_to_the_next_with_the_first_lines_that_follow(bool keepWithNext, int headingPage)
    {
        // Room for the heading (18 pt) but not for it and a first line of the paragraph.
        var filler = new Spacer(BodyHeight - 25);
        var heading = new TextBlock("Heading", bold: true) { FontSize = 15, KeepWithNext = keepWithNext };

        using var pdf = Open(Document(filler, heading, new TextBlock(Paragraph)));

        Assert.Equal(2, pdf.NumberOfPages);
        Assert.Contains(pdf.GetPage(headingPage).GetWords(), w => w.Text == "Heading");
        Assert.Equal("Residents", pdf.GetPage(2).GetWords().First(w => w.Text != "Heading").Text);
    }

    [Fact]
    public void Heading_stays_with_the_header_and_first_row_of_the_table_it_leads()
    {
        var filler = new Spacer(BodyHeight - 45);
        var table = new Table(
            [new TableColumn(), new TableColumn()],
            [[new TextBlock("Label"), new TextBlock("Count")]],
            [.. Enumerable.Range(1, 5).Select(i => (IReadOnlyList<PdfElement>)[new TextBlock($"Row{i}"), new TextBlock($"{i}")])]);

        using var pdf = Open(Document(filler, new TextBlock("Heading") { FontSize = 15, KeepWithNext = true }, table));

        Assert.Empty(pdf.GetPage(1).GetWords());
        Assert.Equal(["Heading", "Label", "Count", "Row1"], pdf.GetPage(2).GetWords().Take(4).Select(w => w.Text));
    }

    [Fact]
    public void Headings_in_a_row_move_together_even_when_the_last_closes_its_column()
    {
        var filler = new Spacer(BodyHeight - 45);
        var headings = new Column(
        [
            new TextBlock("Title") { FontSize = 15, KeepWithNext = true },
            new TextBlock("Subtitle") { FontSize = 12, KeepWithNext = true },
        ]);

        using var pdf = Open(Document(filler, headings, new TextBlock(Paragraph)));

        Assert.Empty(pdf.GetPage(1).GetWords());
        Assert.Equal(["Title", "Subtitle", "Residents"], pdf.GetPage(2).GetWords().Take(3).Select(w => w.Text));
    }

    [Fact]
    public void Heading_at_the_top_of_a_page_stays_there_when_what_follows_could_never_fit_with_it()
    {
        var plot = new ScottPlot.Plot();
        plot.Add.Scatter(new double[] { 1, 2 }, new double[] { 1, 2 });

        using var pdf = Open(Document(new TextBlock("Heading") { FontSize = 15, KeepWithNext = true }, new Chart(plot, BodyHeight + 10)));

        Assert.Equal(2, pdf.NumberOfPages);
        Assert.Equal("Heading", pdf.GetPage(1).GetWords().Single().Text);
    }

    private static float BodyHeight => PageSize.A4.Height - Margins.Top - Margins.Bottom;

    private static int DistinctLines(IEnumerable<Word> words) =>
        words.Select(w => Math.Round(w.BoundingBox.Bottom)).Distinct().Count();

    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.SteelBlue);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
