using System.Diagnostics;
using System.Globalization;
using System.Text;
using SafeHome.Domain.Notes;

namespace SafeHome.UnitTests.Notes;

/// The language check of DOMAIN.md §5 against the seeded lexicon. Matching is by whole word: a term is flagged when
/// no letter or digit touches it on either side, so "Johnson" is not "john" and "pimped" is not "pimp" (an
/// inflection the lexicon wants flagged gets its own entry, as "pimps" and "johns" have). Punctuation, apostrophes
/// and underscores are boundaries. Text inside straight or curly double quotes is the youth's own words and is
/// never flagged; an unclosed quote hides nothing.
public sealed class LanguageCheckTests
{
    private static readonly LanguageCheck Seeded = new(LexiconSeed.Terms.Select(t => new LexiconTerm(t.Term, t.Preferred, t.Explanation, t.Severity, t.Id)));

    public static TheoryData<string> SeededTerms() => [.. LexiconSeed.Terms.Select(t => t.Term)];

    private static List<string> Terms(string text) => [.. Seeded.Check("Narrative", text).Select(f => f.Term)];

    [Theory]
    [MemberData(nameof(SeededTerms))]
    public void Every_seeded_term_is_flagged_in_staff_voice_with_its_preferred_wording(string term)
    {
        var seed = LexiconSeed.Terms.Single(t => t.Term == term);
        var text = $"Staff noted: {term} during the evening.";

        var finding = Assert.Single(Seeded.Check("Narrative", text), f => f.Term == term);

        Assert.Equal("Narrative", finding.Field);
        Assert.Equal(term, finding.Matched);
        Assert.Equal(text.IndexOf(term, StringComparison.Ordinal), finding.Index);
        Assert.Equal(seed.Preferred, finding.Preferred);
        Assert.Equal(seed.Explanation, finding.Explanation);
        Assert.Equal(seed.Severity, finding.Severity);
    }

    [Theory]
    [MemberData(nameof(SeededTerms))]
    public void No_seeded_term_is_flagged_inside_straight_or_curly_quotes(string term)
    {
        Assert.Empty(Seeded.Check("Narrative", $"The youth said \"{term}\" twice."));
        Assert.Empty(Seeded.Check("Narrative", $"The youth said \u201C{term}\u201D twice."));
    }

    [Fact]
    public void Text_after_a_closed_quote_is_checked_again()
    {
        var text = "The youth called him \"my daddy\"; later the daddy texted.";

        var finding = Assert.Single(Seeded.Check("Narrative", text));

        Assert.Equal(text.LastIndexOf("daddy", StringComparison.Ordinal), finding.Index);
    }

    [Theory]
    [InlineData("She said \"I was fine. Staff later saw the pimp at the corner.")]
    [InlineData("She said \u201CI was fine. Staff later saw the pimp at the corner.")]
    [InlineData("She said \u201CI was fine.\" Staff later saw the pimp at the corner.")]
    [InlineData("Staff later saw the pimp at the corner.\u201D")]
    public void An_unclosed_or_mismatched_quote_does_not_hide_the_text_after_it(string text) =>
        Assert.Equal(["pimp"], Terms(text));

    [Theory]
    [InlineData("Met with Mr. Johnson about school.")]
    [InlineData("Johnny joined the group.")]
    [InlineData("The pimped-out car was mentioned.")]
    [InlineData("A trickster story was read aloud.")]
    [InlineData("Her grandaddy called.")]
    [InlineData("The clientele of the shop.")]
    [InlineData("The rant was about homework.")]
    [InlineData("She is non compliant with nothing; she is noncompliant with no one.")]
    public void Words_that_merely_contain_a_term_are_not_flagged(string text) =>
        Assert.Empty(Terms(text));

    [Theory]
    [InlineData("The john left.", "john")]
    [InlineData("The johns left.", "johns")]
    [InlineData("The pimps left.", "pimps")]
    [InlineData("The pimp's car.", "pimp")]
    [InlineData("He was AWOL.", "AWOL")]
    [InlineData("(AWOL)", "AWOL")]
    [InlineData("AWOL, then back.", "AWOL")]
    [InlineData("the_pimp_ said", "pimp")]
    [InlineData("pimp", "pimp")]
    [InlineData("Staff described her as attention-seeking.", "attention-seeking")]
    [InlineData("An at-risk youth, per the referral.", "at-risk youth")]
    public void A_whole_word_is_flagged_whatever_punctuation_surrounds_it(string text, string term) =>
        Assert.Equal([term], Terms(text));

    [Theory]
    [InlineData("The PIMP came by.", "pimp", "PIMP")]
    [InlineData("John was mentioned.", "john", "John")]
    [InlineData("Was awol for a day.", "AWOL", "awol")]
    [InlineData("She Chose To stay.", "chose to", "Chose To")]
    public void Any_letter_case_is_flagged_and_the_typed_text_is_reported(string text, string term, string matched)
    {
        var finding = Assert.Single(Seeded.Check("Narrative", text));

        Assert.Equal(term, finding.Term);
        Assert.Equal(matched, finding.Matched);
    }

    [Theory]
    [InlineData("She chose  to leave.")]
    [InlineData("She chose\nto leave.")]
    [InlineData("She chose\r\n\tto leave.")]
    [InlineData("She chose\u00A0to leave.")]
    public void A_phrase_is_flagged_across_any_run_of_white_space(string text) =>
        Assert.Equal(["chose to"], Terms(text));

    [Fact]
    public void A_phrase_without_its_space_is_not_the_phrase() =>
        Assert.Empty(Terms("She choseto leave."));

    [Fact]
    public void Turkish_dotted_and_dotless_i_neither_crash_nor_shift_the_positions()
    {
        var text = "İstanbul ılık; PİMP and pımp are not the word, but the pimp is.";

        var finding = Assert.Single(Seeded.Check("Narrative", text));

        Assert.Equal("pimp", finding.Matched);
        Assert.Equal(text.LastIndexOf("pimp", StringComparison.Ordinal), finding.Index);
    }

    [Fact]
    public void The_server_culture_does_not_change_matching()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("tr-TR");
            var check = new LanguageCheck([new LexiconTerm("pimp", "trafficker", "Invented explanation.", LexiconSeverity.BlockOnSign)]);

            Assert.Single(check.Check("Narrative", "THE PIMP CAME BY."));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void Retired_terms_are_not_flagged()
    {
        var retired = new LexiconTerm("client", "sex buyer", "Invented explanation.", LexiconSeverity.Suggest);
        retired.Update(retired.Term, retired.Preferred, retired.Explanation, retired.Severity, isActive: false);
        var active = new LexiconTerm("runaway", "missing from care", "Invented explanation.", LexiconSeverity.Warn);

        var findings = new LanguageCheck([retired, active]).Check("Narrative", "The client said the runaway was back.");

        Assert.Equal(["runaway"], findings.Select(f => f.Term));
    }

    [Fact]
    public void Findings_come_in_text_order_with_each_field_named()
    {
        var findings = Seeded.Check([("Narrative", "The pimp and the john."), ("StrengthsObserved", "Not manipulative at all."), ("Plan", null!), ("Empty", "")]);

        Assert.Equal([("Narrative", "pimp"), ("Narrative", "john"), ("StrengthsObserved", "manipulative")], findings.Select(f => (f.Field, f.Term)));
    }

    [Fact]
    public void Empty_and_missing_text_has_no_findings()
    {
        Assert.Empty(Seeded.Check("Narrative", null));
        Assert.Empty(Seeded.Check("Narrative", string.Empty));
        Assert.Empty(Seeded.Check("Narrative", "   \n "));
    }

    [Fact]
    public void A_one_megabyte_text_of_terms_and_quotes_is_checked_completely_and_quickly()
    {
        const string Unit = "\"pimp\" john ";
        var repeats = (1024 * 1024) / Unit.Length;
        var text = new StringBuilder(Unit.Length * repeats).Insert(0, Unit, repeats).ToString();
        var watch = Stopwatch.StartNew();

        var findings = Seeded.Check("Narrative", text);

        watch.Stop();
        Assert.Equal(repeats, findings.Count);
        Assert.All(findings, f => Assert.Equal("john", f.Term));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_one_megabyte_text_without_spaces_or_quotes_finishes()
    {
        var text = new string('a', 1024 * 1024) + " pimp";
        var watch = Stopwatch.StartNew();

        var findings = Seeded.Check("Narrative", text);

        watch.Stop();
        Assert.Equal(["pimp"], findings.Select(f => f.Term));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Quoted_spans_pair_in_order_and_curly_quotes_close_only_with_a_curly_quote()
    {
        Assert.Equal([(0, 3), (4, 7)], LanguageCheck.QuotedSpans("\"a\" \"b\" \"c"));
        Assert.Equal([(0, 5)], LanguageCheck.QuotedSpans("\u201Ca\"b\u201D"));
    }
}
