using ScottPlot;
using SkiaSharp;

namespace SafeHome.Reports.Pdf;

// Lays the whole document out first so headers and footers know the page count, then draws it with SkiaSharp.
public sealed class SkiaPdfEngine : IPdfEngine
{
    public SkiaPdfEngine() => PdfFonts.RegisterWithScottPlot();

    public PdfRenderResult Render(PdfDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);

        using var resources = new RenderResources();
        var layouter = new BoxLayouter(resources);
        var page = document.Page;
        var margins = document.Margins;
        var left = margins.Left;
        var width = page.Width - margins.Left - margins.Right;

        var top = margins.Top;
        if (document.Header is { } header)
        {
            top += layouter.Layout(header(new PageContext(1, 1)), left, width).Height + document.HeaderSpacing;
        }

        var bottom = page.Height - margins.Bottom;
        if (document.Footer is { } footer)
        {
            bottom -= layouter.Layout(footer(new PageContext(1, 1)), left, width).Height + document.FooterSpacing;
        }

        var paginator = new Paginator(layouter, left, width, top, bottom);
        paginator.Run(document.Content);
        var pageCount = paginator.PageStarts.Count;

        var metadata = document.Metadata;
        var created = metadata.Created.UtcDateTime;
        var skMetadata = new SKDocumentPdfMetadata
        {
            Title = metadata.Title,
            Author = metadata.Author,
            Subject = metadata.Subject,
            Keywords = metadata.Keywords,
            Creator = metadata.Creator,
            Producer = metadata.Producer,
            Creation = created,
            Modified = created,
            PdfA = metadata.PdfA,
            RasterDpi = SKDocumentPdfMetadata.DefaultRasterDpi,
            EncodingQuality = SKDocumentPdfMetadata.DefaultEncodingQuality,
        };

        using var painter = new Painter(resources);
        using (var skDocument = SKDocument.CreatePdf(output, skMetadata))
        {
            for (var p = 0; p < pageCount; p++)
            {
                var canvas = skDocument.BeginPage(page.Width, page.Height);
                var context = new PageContext(p + 1, pageCount);
                if (document.Header is { } pageHeader)
                {
                    painter.DrawShifted(canvas, layouter.Layout(pageHeader(context), left, width).Ops, margins.Top);
                }

                if (document.Footer is { } pageFooter)
                {
                    var box = layouter.Layout(pageFooter(context), left, width);
                    painter.DrawShifted(canvas, box.Ops, page.Height - margins.Bottom - box.Height);
                }

                var end = p + 1 < pageCount ? paginator.PageStarts[p + 1] : paginator.Ops.Count;
                painter.Draw(canvas, paginator.Ops, paginator.PageStarts[p], end);
                skDocument.EndPage();
            }

            skDocument.Close();
        }

        return new PdfRenderResult(pageCount);
    }

    private sealed class Painter(RenderResources resources) : IDisposable
    {
        private readonly SKPaint textPaint = new() { Color = SKColors.Black, IsAntialias = true };
        private readonly SKPaint fillPaint = new() { Style = SKPaintStyle.Fill };
        private readonly SKPaint linePaint = new() { Style = SKPaintStyle.Stroke, StrokeWidth = 0.5f, IsAntialias = true };

        public void DrawShifted(SKCanvas canvas, List<DrawOp> ops, float dy) => Draw(canvas, ops, 0, ops.Count, dy);

        public void Draw(SKCanvas canvas, List<DrawOp> ops, int start, int end, float dy = 0)
        {
            for (var i = start; i < end; i++)
            {
                var op = ops[i];
                var y = op.Y + dy;
                switch (op.Kind)
                {
                    case OpKind.Text:
                        canvas.DrawText(op.Text, op.X, y, resources.Font(op.Style, op.Size).Font, textPaint);
                        break;
                    case OpKind.Fill:
                        fillPaint.Color = new SKColor(op.Color);
                        canvas.DrawRect(op.X, y, op.Width, op.Height, fillPaint);
                        break;
                    case OpKind.Line:
                        linePaint.Color = new SKColor(op.Color);
                        canvas.DrawLine(op.X, y, op.X + op.Width, y + op.Height, linePaint);
                        break;
                    case OpKind.Image:
                        canvas.DrawImage((SKImage)op.Payload!, SKRect.Create(op.X, y, op.Width, op.Height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
                        break;
                    case OpKind.Chart:
                        DrawChart(canvas, (Plot)op.Payload!, SKRect.Create(op.X, y, op.Width, op.Height));
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown draw operation {op.Kind}.");
                }
            }
        }

        private static void DrawChart(SKCanvas canvas, Plot plot, SKRect rect)
        {
            plot.Font.Set(PdfFonts.FamilyName);
            var pixels = new PixelRect(rect.Left, rect.Right, rect.Bottom, rect.Top);

            // ScottPlot renders a second time when the first pass changes its layout; settle it off the page so
            // the PDF gets one copy of every label.
            using (var recorder = new SKPictureRecorder())
            {
                plot.Render(recorder.BeginRecording(rect), pixels);
                using var discarded = recorder.EndRecording();
            }

            canvas.Save();
            canvas.ClipRect(rect);
            plot.Render(canvas, pixels);
            canvas.Restore();
        }

        public void Dispose()
        {
            textPaint.Dispose();
            fillPaint.Dispose();
            linePaint.Dispose();
        }
    }
}
