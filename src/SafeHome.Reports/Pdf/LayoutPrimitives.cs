using SkiaSharp;

namespace SafeHome.Reports.Pdf;

internal enum OpKind : byte
{
    Text,
    Fill,
    Line,
    Image,
    Chart,
}

// One positioned drawing instruction; Top is the coordinate pagination uses to decide which page a piece lands on.
internal readonly record struct DrawOp(
    OpKind Kind,
    float X,
    float Y,
    float Width,
    float Height,
    float Top,
    string? Text = null,
    int Style = 0,
    float Size = 0,
    uint Color = 0,
    object? Payload = null)
{
    public DrawOp Shift(float dx, float dy) => this with { X = X + dx, Y = Y + dy, Top = Top + dy };
}

// A laid-out element in local coordinates: y starts at 0, x is already absolute.
internal sealed class Box
{
    public List<DrawOp> Ops { get; } = [];

    // Offsets at which the box may be cut between pages, ascending.
    public List<float> Breaks { get; } = [];

    public float Height { get; set; }
}

internal sealed class FontInfo(SKFont font)
{
    public SKFont Font { get; } = font;

    public float SpaceWidth { get; } = font.MeasureText(" ");

    public float Ascent { get; } = font.Metrics.Ascent;

    public float Descent { get; } = font.Metrics.Descent;
}

// Per-render caches; disposed when the document is written.
internal sealed class RenderResources : IDisposable
{
    private readonly Dictionary<(int Style, float Size), FontInfo> fonts = [];
    private readonly Dictionary<byte[], SKImage> images = new(ReferenceEqualityComparer.Instance);
    private (int Style, float Size) lastKey = (-1, 0);
    private FontInfo? lastFont;

    public FontInfo Font(int style, float size)
    {
        if (lastFont is not null && lastKey.Style == style && lastKey.Size == size)
        {
            return lastFont;
        }

        var key = (style, size);
        if (!fonts.TryGetValue(key, out var info))
        {
            var font = new SKFont(PdfFonts.Get(style), size)
            {
                Subpixel = true,
                Edging = SKFontEdging.Antialias,
                LinearMetrics = true,
            };
            info = new FontInfo(font);
            fonts.Add(key, info);
        }

        lastKey = key;
        lastFont = info;
        return info;
    }

    public SKImage Image(byte[] encoded)
    {
        if (!images.TryGetValue(encoded, out var image))
        {
            image = SKImage.FromEncodedData(encoded)
                ?? throw new ArgumentException("The image is not a PNG or JPEG the engine can decode.", nameof(encoded));
            images.Add(encoded, image);
        }

        return image;
    }

    public void Dispose()
    {
        foreach (var info in fonts.Values)
        {
            info.Font.Dispose();
        }

        foreach (var image in images.Values)
        {
            image.Dispose();
        }

        fonts.Clear();
        images.Clear();
    }
}
