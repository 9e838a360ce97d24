using SafeHome.Reports.Pdf;
using SkiaSharp;

namespace SafeHome.Benchmarks;

// The baseline: the same content drawn straight onto SkiaSharp at fixed positions, no layout engine.
public static class RawSkiaReport
{
    private const float PageWidth = 595.28f;
    private const float PageHeight = 841.89f;
    private const float Margin = 40;

    public static int Render(string[][] rows, ScottPlot.Plot plot, Stream output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(plot);

        var typeface = PdfFonts.Get(bold: false, italic: false);
        var boldTypeface = PdfFonts.Get(bold: true, italic: false);
        using var font = new SKFont(typeface, MetricReport.FontSize) { Subpixel = true, LinearMetrics = true };
        using var bold = new SKFont(boldTypeface, MetricReport.FontSize) { Subpixel = true, LinearMetrics = true };
        using var titleFont = new SKFont(boldTypeface, 14) { Subpixel = true, LinearMetrics = true };
        using var footerFont = new SKFont(typeface, 8) { Subpixel = true, LinearMetrics = true };
        using var textPaint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var shade = new SKPaint { Color = new SKColor(0xFFE6E6E6) };
        using var rule = new SKPaint { Color = new SKColor(0xFF9A9A9A), Style = SKPaintStyle.Stroke, StrokeWidth = 0.5f, IsAntialias = true };

        var width = PageWidth - (2 * Margin);
        var lineHeight = MetricReport.FontSize * 1.2f;
        var rowHeight = lineHeight + (2 * MetricReport.Padding);
        var baseline = MetricReport.Padding + ((lineHeight - (font.Metrics.Descent - font.Metrics.Ascent)) / 2) - font.Metrics.Ascent;
        var bottom = PageHeight - Margin - (8 * 1.2f) - 8;

        var columns = MetricReport.RelativeWidths.Length;
        var textX = new float[columns];
        var total = MetricReport.RelativeWidths.Sum();
        var x = Margin;
        for (var c = 0; c < columns; c++)
        {
            var w = width * MetricReport.RelativeWidths[c] / total;
            textX[c] = MetricReport.RightAligned[c] ? x + w - MetricReport.Padding : x + MetricReport.Padding;
            x += w;
        }

        var tableTop = Margin + (14 * 1.2f) + 6 + MetricReport.ChartHeight + 8;
        var firstPageRows = (int)((bottom - tableTop - rowHeight) / rowHeight);
        var rowsPerPage = (int)((bottom - Margin - rowHeight) / rowHeight);
        var pageCount = 1 + (int)Math.Ceiling((rows.Length - firstPageRows) / (double)rowsPerPage);

        using var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata { Title = MetricReport.Title });
        var next = 0;
        for (var p = 0; p < pageCount; p++)
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            var y = Margin;
            if (p == 0)
            {
                canvas.DrawText(MetricReport.Title, Margin, y + 14 - titleFont.Metrics.Ascent - 14, titleFont, textPaint);
                y += (14 * 1.2f) + 6;
                var chartRect = SKRect.Create(Margin, y, width, MetricReport.ChartHeight);
                canvas.Save();
                canvas.ClipRect(chartRect);
                plot.Render(canvas, new ScottPlot.PixelRect(chartRect.Left, chartRect.Right, chartRect.Bottom, chartRect.Top));
                canvas.Restore();
                y = tableTop;
            }

            canvas.DrawRect(Margin, y, width, rowHeight, shade);
            for (var c = 0; c < columns; c++)
            {
                canvas.DrawText(MetricReport.Header[c], textX[c], y + baseline, MetricReport.RightAligned[c] ? SKTextAlign.Right : SKTextAlign.Left, bold, textPaint);
            }

            y += rowHeight;
            canvas.DrawLine(Margin, y, Margin + width, y, rule);
            var count = Math.Min(p == 0 ? firstPageRows : rowsPerPage, rows.Length - next);
            for (var r = 0; r < count; r++, next++)
            {
                var row = rows[next];
                for (var c = 0; c < columns; c++)
                {
                    canvas.DrawText(row[c], textX[c], y + baseline, MetricReport.RightAligned[c] ? SKTextAlign.Right : SKTextAlign.Left, font, textPaint);
                }

                y += rowHeight;
                canvas.DrawLine(Margin, y, Margin + width, y, rule);
            }

            canvas.DrawText($"Page {p + 1} of {pageCount}", PageWidth / 2, PageHeight - Margin - 2, SKTextAlign.Center, footerFont, textPaint);
            document.EndPage();
        }

        document.Close();
        return pageCount;
    }
}
