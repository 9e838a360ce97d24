using SafeHome.Reports.Pdf;

namespace SafeHome.UnitTests.Reports.Pdf;

public sealed class PdfFontsTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Every_style_loads_from_the_embedded_DejaVu_files(bool bold, bool italic)
    {
        var typeface = PdfFonts.Get(bold, italic);

        Assert.Equal(PdfFonts.FamilyName, typeface.FamilyName);
        Assert.Equal(bold, typeface.IsBold);
        Assert.Equal(italic, typeface.IsItalic);
    }

    [Fact]
    public void The_DejaVu_licence_ships_with_the_fonts()
    {
        using var licence = typeof(PdfFonts).Assembly.GetManifestResourceStream("SafeHome.Reports.Fonts.LICENSE-DejaVu.txt");

        Assert.NotNull(licence);
        Assert.Contains("Bitstream", new StreamReader(licence).ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void ScottPlot_resolves_the_family_to_the_shipped_font()
    {
        PdfFonts.RegisterWithScottPlot();

        using var typeface = ScottPlot.Fonts.GetTypeface(PdfFonts.FamilyName, bold: true, italic: false);

        Assert.Equal(PdfFonts.FamilyName, typeface.FamilyName);
        Assert.True(typeface.IsBold);
        Assert.Equal(PdfFonts.FamilyName, ScottPlot.Fonts.Default);
    }
}
