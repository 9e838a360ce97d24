using System.Text;

namespace SafeHome.Domain.Notes;

/// A word in a text: a run of letters and decimal digits (what JavaScript's [\p{L}\p{Nd}] matches), so
/// punctuation, apostrophes, hyphens and white space separate words. Start and End are UTF-16 offsets, as the
/// browser counts them.
public readonly record struct Word(int Start, int End, string Lower, bool Capitalised);

/// Splits text into words and spells out the regular forms of a word. The browser's note-hints.js does exactly the
/// same; the language corpus test holds the two to each other.
public static class WordForms
{
    private const string Vowels = "aeiou";
    private const string Consonants = "bcdfghjklmnpqrstvwxyz";

    public static List<Word> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<Word>();
        var start = -1;
        var i = 0;
        while (i < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length);
            var inWord = Rune.IsLetterOrDigit(rune);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(Make(text, start, i));
                start = -1;
            }

            i += length;
        }

        if (start >= 0)
        {
            words.Add(Make(text, start, text.Length));
        }

        return words;
    }

    public static IReadOnlyList<string> WordsOf(string phrase) => [.. Split(phrase).Select(w => w.Lower)];

    /// The word and its regular inflections: -s, -es, -ed, -ing; -d and -ing without the final e (refuse: refused,
    /// refusing); -ies and -ied for a consonant and y (daddy: daddies); a doubled final consonant after a single vowel
    /// (admit: admitted, admitting). Some of these are not English words ("johnes"); they never occur, so they cost
    /// nothing. Irregular forms (ran, run) are listed on the entry. Words with digits, and single letters, match only
    /// themselves.
    public static IEnumerable<string> Of(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        yield return word;
        if (word.Length < 2 || !word.All(c => c is >= 'a' and <= 'z'))
        {
            yield break;
        }

        yield return word + "s";
        yield return word + "es";
        yield return word + "ed";
        yield return word + "ing";
        var last = word[^1];
        if (last == 'e')
        {
            yield return word + "d";
            yield return word[..^1] + "ing";
        }

        if (last == 'y' && Consonants.Contains(word[^2], StringComparison.Ordinal))
        {
            yield return word[..^1] + "ies";
            yield return word[..^1] + "ied";
        }

        if (word.Length >= 3 && Consonants.Contains(last, StringComparison.Ordinal) && last is not ('w' or 'x' or 'y')
            && Vowels.Contains(word[^2], StringComparison.Ordinal) && Consonants.Contains(word[^3], StringComparison.Ordinal))
        {
            yield return word + last + "ed";
            yield return word + last + "ing";
        }
    }

    private static Word Make(string text, int start, int end)
    {
        var value = text[start..end];
        // Capitalised as a name is: a capital first letter and lower case after it. A word in capitals ("JOHN") is
        // emphasis or caps lock, not a name.
        var capitalised = Rune.IsUpper(Rune.GetRuneAt(value, 0)) && value.EnumerateRunes().Any(Rune.IsLower);
        return new Word(start, end, value.ToLowerInvariant(), capitalised);
    }
}
