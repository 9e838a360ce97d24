namespace SafeHome.TestCorpus;

/// A flagged span the corpus expects: where it starts in the plain sentence, the text as written, and the lexicon
/// term it is flagged for.
public sealed record ExpectedFinding(int Index, string Matched, string Term);

/// One corpus sentence: its line in language-corpus.txt, the plain text, and every finding expected in it.
public sealed record CorpusSentence(int Line, string Text, IReadOnlyList<ExpectedFinding> Expected);

/// The language-guidance corpus (tests/Shared/language-corpus.txt), shared by the unit test of the server check and
/// the browser test of the while-typing hints. One sentence per line; a flagged span is written [as typed|term], so
/// "Staff saw the [pimps|pimp] leave." expects "pimps" flagged for the term "pimp" at index 14. Lines starting with
/// # are comments; blank lines are skipped.
public static class LanguageCorpus
{
    public static IReadOnlyList<CorpusSentence> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "language-corpus.txt");
        return Parse(File.ReadAllLines(path));
    }

    public static IReadOnlyList<CorpusSentence> Parse(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var sentences = new List<CorpusSentence>();
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var text = new System.Text.StringBuilder();
            var expected = new List<ExpectedFinding>();
            var i = 0;
            while (i < line.Length)
            {
                if (line[i] != '[')
                {
                    text.Append(line[i++]);
                    continue;
                }

                var close = line.IndexOf(']', i);
                var bar = line.IndexOf('|', i);
                if (close < 0 || bar < 0 || bar > close)
                {
                    throw new FormatException($"language-corpus.txt line {n + 1}: a [ without |term]");
                }

                var matched = line[(i + 1)..bar];
                expected.Add(new ExpectedFinding(text.Length, matched, line[(bar + 1)..close]));
                text.Append(matched);
                i = close + 1;
            }

            sentences.Add(new CorpusSentence(n + 1, text.ToString(), expected));
        }

        return sentences;
    }
}
