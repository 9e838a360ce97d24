namespace SafeHome.Reports.Pdf;

public interface IPdfEngine
{
    PdfRenderResult Render(PdfDocument document, Stream output);
}

public sealed record PdfRenderResult(int PageCount);

public sealed record PdfDocument(PdfMetadata Metadata, IReadOnlyList<PdfElement> Content)
{
    public PageSize Page { get; init; } = PageSize.A4;

    public PageMargins Margins { get; init; } = PageMargins.Uniform(40);

    // The header and footer are measured once with page 1 of 1 to reserve their space; keep their height constant.
    public Func<PageContext, PdfElement>? Header { get; init; }

    public Func<PageContext, PdfElement>? Footer { get; init; }

    public float HeaderSpacing { get; init; } = 8;

    public float FooterSpacing { get; init; } = 8;
}

public sealed record PageSize(float Width, float Height)
{
    public static PageSize A4 { get; } = new(595.28f, 841.89f);

    public static PageSize Letter { get; } = new(612f, 792f);
}

public sealed record PageMargins(float Left, float Top, float Right, float Bottom)
{
    public static PageMargins Uniform(float margin) => new(margin, margin, margin, margin);
}

public readonly record struct PageContext(int PageNumber, int PageCount);

public sealed record PdfMetadata(
    string Title,
    string Author,
    string Subject,
    string Keywords,
    string Creator,
    string Producer,
    DateTimeOffset Created)
{
    public bool PdfA { get; init; }
}
