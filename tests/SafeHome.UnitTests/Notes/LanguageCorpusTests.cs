using System.Text;
using SafeHome.Domain.Notes;
using SafeHome.TestCorpus;

namespace SafeHome.UnitTests.Notes;

/// The seeded language check against the corpus (tests/Shared/language-corpus.txt): counselor prose, one sentence a
/// line, each marked with exactly the findings it should get. The corpus is where the lexicon's context rules are
/// held to real writing: every active term in staff voice and in its inflections, the ordinary senses that must stay
/// unflagged ("card trick", "admitted to the hospital", "her teacher, John Miller"), one finding where matches
/// overlap, and the youth's own words in quotes. The browser test holds note-hints.js to the same file.
public sealed class LanguageCorpusTests
{
    /// Enough prose that a change to a context list meets sentences it was not written for.
    private const int MinimumSentences = 200;

    /// The ordinary senses are the point of the context rules; a corpus of flagged sentences alone would pass a
    /// check that flags every occurrence of every word.
    private const int MinimumWithoutFinding = 80;

    private static readonly LanguageCheck Seeded = new(LexiconSeed.Terms.Where(t => t.IsActive).Select(LexiconTerm.From));

    private static readonly IReadOnlyList<CorpusSentence> Corpus = LanguageCorpus.Load();

    private static List<ExpectedFinding> Found(string text) =>
        [.. Seeded.Check("Narrative", text).Select(f => new ExpectedFinding(f.Index, f.Matched, f.Term))];

    /// The sentence written back in the corpus format, so a mismatch reads like the line to fix.
    private static string Marked(string text, IEnumerable<ExpectedFinding> findings)
    {
        var marked = new StringBuilder();
        var at = 0;
        foreach (var finding in findings)
        {
            if (finding.Index < at || finding.Index + finding.Matched.Length > text.Length)
            {
                return $"{text}  (findings out of order or out of the text: {string.Join("; ", findings)})";
            }

            marked.Append(text, at, finding.Index - at).Append('[').Append(finding.Matched).Append('|').Append(finding.Term).Append(']');
            at = finding.Index + finding.Matched.Length;
        }

        return marked.Append(text, at, text.Length - at).ToString();
    }

    /// All mismatches in one message, with their lines, so one run shows everything a lexicon change broke.
    [Fact]
    public void Every_sentence_gets_exactly_the_findings_it_expects()
    {
        var report = new StringBuilder();
        var wrong = 0;
        foreach (var sentence in Corpus)
        {
            var found = Found(sentence.Text);
            if (!found.SequenceEqual(sentence.Expected))
            {
                wrong++;
                report.AppendLine($"line {sentence.Line}:")
                    .AppendLine($"  expected: {Marked(sentence.Text, sentence.Expected)}")
                    .AppendLine($"  found:    {Marked(sentence.Text, found)}");
            }
        }

        Assert.True(wrong == 0, $"{wrong} of {Corpus.Count} corpus sentences differ from the check:{Environment.NewLine}{report}");
    }

    [Fact]
    public void The_corpus_is_large_enough_to_mean_something() =>
        Assert.True(Corpus.Count >= MinimumSentences, $"the corpus has {Corpus.Count} sentences; it needs at least {MinimumSentences}");

    [Fact]
    public void Enough_sentences_are_ordinary_senses_that_expect_no_finding()
    {
        var plain = Corpus.Count(s => s.Expected.Count == 0);

        Assert.True(plain >= MinimumWithoutFinding, $"{plain} corpus sentences expect no finding; at least {MinimumWithoutFinding} should");
    }

    /// A term nobody writes a sentence for is a term whose context nobody has checked.
    [Fact]
    public void Every_active_seeded_term_is_expected_somewhere_in_the_corpus()
    {
        var expected = Corpus.SelectMany(s => s.Expected).Select(e => e.Term).ToHashSet(StringComparer.Ordinal);

        var missing = LexiconSeed.Terms.Where(t => t.IsActive && !expected.Contains(t.Term)).Select(t => t.Term).ToList();

        Assert.True(missing.Count == 0, $"no corpus sentence expects these active terms: {string.Join(", ", missing)}");
    }

    /// A misspelt or retired term in the corpus would otherwise only show up as a puzzling mismatch.
    [Fact]
    public void Every_expected_term_is_an_active_seeded_term_spelled_as_in_the_seed()
    {
        var active = LexiconSeed.Terms.Where(t => t.IsActive).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);

        var unknown = Corpus.SelectMany(s => s.Expected.Where(e => !active.Contains(e.Term)).Select(e => $"line {s.Line}: {e.Term}")).ToList();

        Assert.True(unknown.Count == 0, $"not active seeded terms: {string.Join("; ", unknown)}");
    }

    /// A note is one text, not one sentence. Joined by line breaks, the sentences must keep their own findings at
    /// shifted offsets: no context, phrase, name or quote may reach from one line into the next.
    [Fact]
    public void The_whole_corpus_as_one_text_gets_each_sentences_findings_at_shifted_offsets()
    {
        var text = new StringBuilder();
        var starts = new List<(int Offset, int Line)>();
        var expected = new List<ExpectedFinding>();
        foreach (var sentence in Corpus)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            var offset = text.Length;
            starts.Add((offset, sentence.Line));
            expected.AddRange(Found(sentence.Text).Select(f => f with { Index = f.Index + offset }));
            text.Append(sentence.Text);
        }

        var found = Found(text.ToString());

        var differ = Enumerable.Range(0, Math.Max(expected.Count, found.Count))
            .FirstOrDefault(i => i >= expected.Count || i >= found.Count || expected[i] != found[i], -1);
        if (differ >= 0)
        {
            var at = Math.Min(differ < expected.Count ? expected[differ].Index : int.MaxValue, differ < found.Count ? found[differ].Index : int.MaxValue);
            var line = starts.Last(s => s.Offset <= at).Line;
            var wanted = differ < expected.Count ? expected[differ].ToString() : "no more findings";
            var got = differ < found.Count ? found[differ].ToString() : "no more findings";
            Assert.Fail($"as one text, finding {differ} (corpus line {line}) differs: sentence by sentence {wanted}, as one text {got}");
        }
    }

    [Fact]
    public void The_corpus_format_gives_positions_in_the_plain_sentence_and_skips_comments_and_blank_lines()
    {
        var parsed = LanguageCorpus.Parse(["# a comment", "", "Staff saw the [pimps|pimp] leave.", "Nothing to flag here."]);

        Assert.Equal([3, 4], parsed.Select(s => s.Line));
        Assert.Equal("Staff saw the pimps leave.", parsed[0].Text);
        Assert.Equal([new ExpectedFinding(14, "pimps", "pimp")], parsed[0].Expected);
        Assert.Empty(parsed[1].Expected);
        Assert.Throws<FormatException>(() => LanguageCorpus.Parse(["Staff saw the [pimps leave."]));
    }
}
