using System.Globalization;
using System.Text;

namespace SafeHome.Domain.Common;

public static class Text
{
    /// NFC, so that "José" typed on two keyboards is one name, and trimmed of surrounding white space.
    public static string Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? string.Empty : value.Trim().Normalize(NormalizationForm.FormC);

    public static string? CleanOrNull(string? value)
    {
        var cleaned = Clean(value);
        return cleaned.Length == 0 ? null : cleaned;
    }

    /// The first character a single-line field may not hold: control characters (including CR/LF, which forge
    /// log lines), bidi overrides and isolates (which disguise text), zero-width characters (which let two
    /// identical-looking names differ) and unpaired surrogates. Returns null when the text is acceptable.
    public static string? FindForbiddenSingleLineCharacter(string? value) => FindForbidden(value, allowLineBreaks: false);

    /// Multi-line fields may hold line breaks and tabs, but nothing else that the single-line rule refuses.
    public static string? FindForbiddenMultiLineCharacter(string? value) => FindForbidden(value, allowLineBreaks: true);

    private static string? FindForbidden(string? value, bool allowLineBreaks)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (allowLineBreaks && (c is '\r' or '\n' or '\t'))
            {
                continue;
            }

            if (char.IsSurrogate(c) || IsForbidden(c))
            {
                return Describe(c);
            }
        }

        return null;
    }

    private static bool IsForbidden(char c) =>
        char.IsControl(c)
        || c is >= '\u202A' and <= '\u202E' // bidi embeddings and overrides
        || c is >= '\u2066' and <= '\u2069' // bidi isolates
        || c is '\u200E' or '\u200F' or '\u061C' // direction marks
        || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' // zero-width characters
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static string Describe(char c) => $"U+{(int)c:X4}";

    /// Length as a person counts it: an emoji is one character, not two UTF-16 code units.
    public static int CodePointLength(string value)
    {
        var count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }
}
