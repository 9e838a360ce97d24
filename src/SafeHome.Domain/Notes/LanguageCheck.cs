using System.Buffers;

namespace SafeHome.Domain.Notes;

/// One use of a flagged term in one field.
public sealed record LanguageFinding(string Field, Guid TermId, string Term, string Matched, int Index, string Preferred, string Explanation, LexiconSeverity Severity);

/// Finds lexicon terms in staff-written text. A term matches on whole words in any letter case, each of its words in
/// any regular inflection (<see cref="WordForms.Of"/>) or an irregular form listed on the entry, with white space,
/// line breaks or a hyphen between the words of a phrase. The entry's context (<see cref="LexiconContext"/>) must
/// hold. Nothing inside quotation marks is flagged: that is where the youth's own words belong. Where matches
/// overlap, one finding stands for the span: the longest, then the firmest severity.
/// The browser's note-hints.js implements the same steps for the while-typing hints.
public sealed class LanguageCheck
{
    private static readonly string[] Articles = ["a", "an", "the", "another", "this", "that", "these", "those", "every", "each", "one"];
    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create(".!?;\n\r");

    private readonly Dictionary<string, List<(Rule Rule, string[][] Phrase)>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _forms = new(StringComparer.Ordinal);

    public LanguageCheck(IEnumerable<LexiconTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        foreach (var term in terms.Where(t => t.IsActive))
        {
            var context = term.Context;
            var rule = new Rule(
                term,
                Compile(LexiconContext.Phrases(context.PrecededBy)),
                Compile(LexiconContext.Phrases(context.NotPrecededBy)),
                Compile(LexiconContext.Phrases(context.FollowedBy)),
                context.FollowedWithin,
                Compile(LexiconContext.Phrases(context.NotFollowedBy)),
                LexiconContext.Phrases(context.NearWords).SelectMany(WordForms.Of).ToHashSet(StringComparer.Ordinal),
                context.NearWithin,
                context.SkipNames);
            // A form reached twice (listed on the entry and also an inflection) gives two candidates for one span,
            // and the overlap rule below keeps one.
            foreach (var phrase in Compile([term.Term, .. LexiconContext.Phrases(context.OtherForms)]))
            {
                foreach (var first in phrase[0])
                {
                    if (!_byFirstWord.TryGetValue(first, out var list))
                    {
                        _byFirstWord[first] = list = [];
                    }

                    list.Add((rule, phrase));
                }
            }
        }
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
        if (string.IsNullOrEmpty(text) || _byFirstWord.Count == 0)
        {
            return [];
        }

        var words = WordForms.Split(text);
        var quoted = QuotedSpans(text);
        var candidates = new List<(int Start, int End, Rule Rule)>();
        for (var i = 0; i < words.Count; i++)
        {
            if (!_byFirstWord.TryGetValue(words[i].Lower, out var entries))
            {
                continue;
            }

            foreach (var (rule, phrase) in entries)
            {
                var last = i + phrase.Length - 1;
                if (last < words.Count
                    && MatchesAt(text, words, i, phrase, joinOnly: true)
                    && rule.Holds(text, words, i, last)
                    && !IsInside(quoted, words[i].Start, words[last].End))
                {
                    candidates.Add((words[i].Start, words[last].End, rule));
                }
            }
        }

        var findings = new List<LanguageFinding>();
        var taken = 0;
        foreach (var (start, end, rule) in candidates
            .OrderBy(c => c.Start)
            .ThenByDescending(c => c.End - c.Start)
            .ThenBy(c => c.Rule.Term.Severity)
            .ThenBy(c => c.Rule.Term.NormalizedTerm, StringComparer.Ordinal))
        {
            if (start < taken)
            {
                continue;
            }

            var term = rule.Term;
            findings.Add(new LanguageFinding(field, term.Id, term.Term, text[start..end], start, term.Preferred, term.Explanation, term.Severity));
            taken = end;
        }

        return findings;
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

    /// Between the words of a matched phrase only white space and hyphens may stand.
    private static bool Joins(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (!char.IsWhiteSpace(text[i]) && text[i] != '-')
            {
                return false;
            }
        }

        return to > from;
    }

    /// Context looks across commas and the like, never across the end of a sentence.
    private static bool SameSentence(string text, int from, int to) => text.AsSpan(from, to - from).IndexOfAny(SentenceEnds) < 0;

    /// The phrase's words at words[at..]: every word a form of the phrase's word, joined as a phrase (the term
    /// itself) or within one sentence (context).
    private static bool MatchesAt(string text, List<Word> words, int at, string[][] phrase, bool joinOnly)
    {
        if (at < 0 || at + phrase.Length > words.Count)
        {
            return false;
        }

        for (var k = 0; k < phrase.Length; k++)
        {
            var word = words[at + k];
            if (Array.IndexOf(phrase[k], word.Lower) < 0)
            {
                return false;
            }

            if (k > 0 && !(joinOnly ? Joins(text, words[at + k - 1].End, word.Start) : SameSentence(text, words[at + k - 1].End, word.Start)))
            {
                return false;
            }
        }

        return true;
    }

    private List<string[][]> Compile(IEnumerable<string> phrases) =>
        [.. phrases.Select(p => WordForms.WordsOf(p).Select(w => FormsOf(w).ToArray()).ToArray()).Where(p => p.Length > 0)];

    private HashSet<string> FormsOf(string word)
    {
        if (!_forms.TryGetValue(word, out var forms))
        {
            _forms[word] = forms = WordForms.Of(word).ToHashSet(StringComparer.Ordinal);
        }

        return forms;
    }

    private sealed record Rule(
        LexiconTerm Term,
        List<string[][]> PrecededBy,
        List<string[][]> NotPrecededBy,
        List<string[][]> FollowedBy,
        int FollowedWithin,
        List<string[][]> NotFollowedBy,
        HashSet<string> Near,
        int NearWithin,
        bool SkipNames)
    {
        /// Whether the entry's context holds around words[first..last].
        public bool Holds(string text, List<Word> words, int first, int last)
        {
            if (SkipNames && IsName(text, words, first))
            {
                return false;
            }

            if (PrecededBy.Count > 0 && !PrecededBy.Any(p => EndsBefore(text, words, first, p)))
            {
                return false;
            }

            if (NotPrecededBy.Any(p => EndsBefore(text, words, first, p)))
            {
                return false;
            }

            if (FollowedBy.Count > 0 && !FollowedBy.Any(p => Follows(text, words, last, p, FollowedWithin)))
            {
                return false;
            }

            if (NotFollowedBy.Any(p => Follows(text, words, last, p, 0)))
            {
                return false;
            }

            return Near.Count == 0 || IsNear(text, words, first, last);
        }

        /// Written as a person's name: with a capital letter ("John", "John Miller", "her brother John"), where the
        /// common noun is written in lower case; but "a John" or "the Johns", after an article, is the common noun, and
        /// a word all in capitals ("JOHN") is emphasis, not a name.
        private static bool IsName(string text, List<Word> words, int first)
        {
            if (!words[first].Capitalised)
            {
                return false;
            }

            return first == 0
                || Array.IndexOf(Articles, words[first - 1].Lower) < 0
                || !text.AsSpan(words[first - 1].End, words[first].Start - words[first - 1].End).Trim().IsEmpty;
        }

        private static bool EndsBefore(string text, List<Word> words, int first, string[][] phrase)
        {
            var at = first - phrase.Length;
            return at >= 0 && SameSentence(text, words[first - 1].End, words[first].Start) && MatchesAt(text, words, at, phrase, joinOnly: false);
        }

        private static bool Follows(string text, List<Word> words, int last, string[][] phrase, int within)
        {
            for (var gap = 0; gap <= within; gap++)
            {
                var at = last + 1 + gap;
                if (at >= words.Count || !SameSentence(text, words[at - 1].End, words[at].Start))
                {
                    return false;
                }

                if (MatchesAt(text, words, at, phrase, joinOnly: false))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsNear(string text, List<Word> words, int first, int last)
        {
            for (var k = first - 1; k >= 0 && k >= first - NearWithin && SameSentence(text, words[k].End, words[k + 1].Start); k--)
            {
                if (Near.Contains(words[k].Lower))
                {
                    return true;
                }
            }

            for (var k = last + 1; k < words.Count && k <= last + NearWithin && SameSentence(text, words[k - 1].End, words[k].Start); k++)
            {
                if (Near.Contains(words[k].Lower))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
