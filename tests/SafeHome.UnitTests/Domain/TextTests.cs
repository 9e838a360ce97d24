using SafeHome.Domain.Common;

namespace SafeHome.UnitTests.Domain;

public sealed class TextTests
{
    [Theory]
    [InlineData("evil\u202Etxt.exe", "U+202E")]
    [InlineData("A\u200Bna", "U+200B")]
    [InlineData("line\r\nbreak", "U+000D")]
    [InlineData("nul\0", "U+0000")]
    [InlineData("iso\u2066late", "U+2066")]
    public void Single_line_text_refuses_invisible_and_control_characters(string value, string expected) =>
        Assert.Equal(expected, Text.FindForbiddenSingleLineCharacter(value));

    [Theory]
    [InlineData("Ana María")]
    [InlineData("Zoë 🌻 Example")]
    [InlineData("İstanbul ı")]
    public void Single_line_text_accepts_ordinary_names_in_any_script(string value) =>
        Assert.Null(Text.FindForbiddenSingleLineCharacter(value));

    [Fact]
    public void A_lone_surrogate_is_refused() =>
        Assert.Equal("U+D83C", Text.FindForbiddenSingleLineCharacter("cut \uD83C"));

    [Fact]
    public void Clean_composes_to_nfc_and_trims() =>
        Assert.Equal("Jos\u00E9", Text.Clean("  Jose\u0301 "));

    [Fact]
    public void Code_point_length_counts_an_emoji_once() =>
        Assert.Equal(3, Text.CodePointLength("a🌻b"));
}
