using System.Text.RegularExpressions;

namespace SafeHome.Domain.Notes;

/// One use of a flagged term in one field.
public sealed record LanguageFinding(string Field, string Term, string Matched, int Index, string Preferred, string Explanation, LexiconSeverity Severity);

/// Finds lexicon terms in staff-written text: whole words only ("Johnson" is not "john"), any letter case, any run
/// of white space inside a phrase, and never inside quotation marks, where the youth's own words belong.
public sealed class LanguageCheck
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);
    private readonly List<(LexiconTerm Term, Regex Pattern)> _terms;

    public LanguageCheck(IEnumerable<LexiconTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        _terms = terms.Where(t => t.IsActive).Select(t => (t, Compile(t.Term))).ToList();
    }

    public IReadOnlyList<LanguageFinding> Check(IEnumerable<(string Field, string Text)> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var findings = new List<LanguageFinding>();
        foreach (var (field, text) in texts)
        {
            findings.AddRange(Check(field, text));
        }

        return findings;
    }

    public IReadOnlyList<LanguageFinding> Check(string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var quoted = QuotedSpans(text);
        var findings = new List<LanguageFinding>();
        foreach (var (term, pattern) in _terms)
        {
            try
            {
                foreach (Match match in pattern.Matches(text))
                {
                    if (!IsInside(quoted, match.Index, match.Index + match.Length))
                    {
                        findings.Add(new LanguageFinding(field, term.Term, match.Value, match.Index, term.Preferred, term.Explanation, term.Severity));
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // The patterns are literal words, so this needs pathological input; skipping one term is safer than failing a save.
            }
        }

        return findings.OrderBy(f => f.Index).ToList();
    }

    /// Spans between straight double quotes (paired in order) or between curly quotes “…”. An unclosed quote does not
    /// hide the rest of the text.
    internal static List<(int Start, int End)> QuotedSpans(string text)
    {
        var spans = new List<(int, int)>();
        int? open = null;
        char closing = '"';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (open is null && c is '"' or '\u201C')
            {
                open = i;
                closing = c == '"' ? '"' : '\u201D';
            }
            else if (open is { } start && c == closing)
            {
                spans.Add((start, i + 1));
                open = null;
            }
        }

        return spans;
    }

    /// The spans are in order and never overlap, so a binary search finds the one span that could hold the match;
    /// a linear scan made a long text of many quotes and many terms take minutes.
    internal static bool IsInside(List<(int Start, int End)> spans, int start, int end)
    {
        int low = 0, high = spans.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (spans[middle].Start > start)
            {
                high = middle - 1;
            }
            else
            {
                low = middle + 1;
            }
        }

        // high is the last span starting at or before the match.
        return high >= 0 && end <= spans[high].End;
    }

    private static Regex Compile(string term)
    {
        var words = term.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape);
        var body = string.Join(@"\s+", words);
        return new Regex(
            $@"(?<![\p{{L}}\p{{N}}]){body}(?![\p{{L}}\p{{N}}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            MatchTimeout);
    }
}
