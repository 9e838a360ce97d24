using SafeHome.Reports.Pdf;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace SafeHome.UnitTests.Reports.Pdf;

internal static class PdfTestRendering
{
    public static readonly PdfMetadata Metadata = new(
        "Synthetic outcome report",
        "Report Service",
        "Quarterly outcomes",
        "outcomes, synthetic",
        "SafeHome tests",
        "SafeHome.Reports",
        new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero));

    public static (byte[] Bytes, int PageCount) Render(PdfDocument document)
    {
        using var stream = new MemoryStream();
        var result = new SkiaPdfEngine().Render(document, stream);
        return (stream.ToArray(), result.PageCount);
    }

    public static PigDocument Open(PdfDocument document)
    {
        var (bytes, pageCount) = Render(document);
        var pdf = PigDocument.Open(bytes);
        Assert.Equal(pageCount, pdf.NumberOfPages);
        return pdf;
    }

    public static PdfDocument Document(params PdfElement[] content) => new(Metadata, content);
}
