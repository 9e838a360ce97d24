namespace SafeHome.Reports.Pdf;

public enum TextAlignment
{
    Left,
    Center,
    Right,
}

public abstract record PdfElement;

public sealed record TextSpan(string Text, bool Bold = false, bool Italic = false);

public sealed record TextBlock(IReadOnlyList<TextSpan> Spans) : PdfElement
{
    public TextBlock(string text, bool bold = false, bool italic = false)
        : this([new TextSpan(text, bold, italic)])
    {
    }

    public float FontSize { get; init; } = 10;

    // Null inherits the alignment of the enclosing table column, or Left elsewhere.
    public TextAlignment? Alignment { get; init; }

    public float SpaceAfter { get; init; }

    public float LineSpacing { get; init; } = 1.2f;

    // A heading: moved to the next page rather than left at a page foot without the first lines of what follows.
    public bool KeepWithNext { get; init; }
}

public sealed record Column(IReadOnlyList<PdfElement> Children, float Spacing = 0) : PdfElement;

public sealed record RowCell(PdfElement Content, float RelativeWidth = 1);

// A row is kept on one page.
public sealed record Row(IReadOnlyList<RowCell> Cells, float Spacing = 0) : PdfElement;

public sealed record TableColumn(float RelativeWidth = 1, TextAlignment Alignment = TextAlignment.Left);

public sealed record Table(
    IReadOnlyList<TableColumn> Columns,
    IReadOnlyList<IReadOnlyList<PdfElement>> HeaderRows,
    IReadOnlyList<IReadOnlyList<PdfElement>> Rows) : PdfElement
{
    public float CellPadding { get; init; } = 3;

    public bool ZebraStripes { get; init; }

    public bool RowLines { get; init; } = true;

    public bool HeaderShading { get; init; } = true;
}

public sealed record Image(byte[] EncodedImage, float Width, float Height) : PdfElement;

// Drawn as vectors; the engine sets the plot's fonts to the shipped font before rendering.
public sealed record Chart(ScottPlot.Plot Plot, float Height) : PdfElement;

public sealed record Spacer(float Height) : PdfElement;

public sealed record PageBreak : PdfElement
{
    public static PageBreak Instance { get; } = new();
}

public sealed record KeepTogether(PdfElement Content) : PdfElement;
