using ScottPlot;
using SkiaSharp;

namespace SafeHome.Reports.Pdf;

// The app ships its own font files so output never depends on what the host has installed.
public static class PdfFonts
{
    public const string FamilyName = "DejaVu Sans";

    private static readonly Lazy<byte[][]> FontBytes = new(LoadAll);
    private static readonly Lazy<SKTypeface[]> Typefaces = new(() => [.. FontBytes.Value.Select(CreateTypeface)]);
    private static readonly Lock ScottPlotLock = new();
    private static bool scottPlotRegistered;

    private static readonly string[] ResourceNames =
    [
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf",
    ];

    // Shared for the process lifetime: callers must not dispose it.
    public static SKTypeface Get(bool bold, bool italic) => Typefaces.Value[StyleIndex(bold, italic)];

    internal static int StyleIndex(bool bold, bool italic) => (bold ? 1 : 0) + (italic ? 2 : 0);

    internal static SKTypeface Get(int styleIndex) => Typefaces.Value[styleIndex];

    public static void RegisterWithScottPlot()
    {
        lock (ScottPlotLock)
        {
            if (scottPlotRegistered)
            {
                return;
            }

            Fonts.FontResolvers.Insert(0, new ShippedFontResolver());
            Fonts.Default = FamilyName;
            scottPlotRegistered = true;
        }
    }

    private static SKTypeface CreateTypeface(byte[] bytes) =>
        SKTypeface.FromStream(new MemoryStream(bytes, writable: false))
        ?? throw new InvalidOperationException("A shipped font file could not be read.");

    private static byte[][] LoadAll()
    {
        var assembly = typeof(PdfFonts).Assembly;
        return
        [
            .. ResourceNames.Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream("SafeHome.Reports.Fonts." + name)
                    ?? throw new InvalidOperationException($"Embedded font {name} is missing.");
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            }),
        ];
    }

    private sealed class ShippedFontResolver : IFontResolver
    {
        // ScottPlot owns and may dispose what a resolver returns, so each call gets its own instance.
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            string.Equals(fontName, FamilyName, StringComparison.OrdinalIgnoreCase)
                ? PdfFonts.CreateTypeface(FontBytes.Value[StyleIndex(bold, italic)])
                : null;
    }
}
