using System.Diagnostics;
using System.Globalization;
using System.Text;
using SafeHome.Domain.Notes;

namespace SafeHome.UnitTests.Notes;

/// The language check of DOMAIN.md §5 against the seeded lexicon. Matching is by word: a word is a run of letters and
/// digits, so "Johnson" is not "john", while each word of a term also matches its regular inflections ("pimped",
/// "johns", "eloping") and the irregular forms listed on the entry ("ran off" for "ran away"). The words of a phrase
/// may be joined by white space or a hyphen only. Context rules keep ordinary senses unflagged and never look past the
/// end of a sentence. Text inside straight or curly double quotes is the youth's own words and is never flagged; an
/// unclosed quote hides nothing. Overlapping matches give one finding. The corpus (LanguageCorpusTests) holds the
/// rules to real prose; these tests pin the mechanics.
public sealed class LanguageCheckTests
{
    private static readonly LanguageCheck Seeded = new(LexiconSeed.Terms.Where(t => t.IsActive).Select(LexiconTerm.From));

    public static TheoryData<string> ActiveSeededTerms() => [.. LexiconSeed.Terms.Where(t => t.IsActive).Select(t => t.Term)];

    /// Terms whose context sets no condition that must hold around them (no preceded-by, followed-by or near words),
    /// so a plain sentence flags them. The others are flagged only in context; the corpus has their sentences.
    public static TheoryData<string> ActiveSeededTermsWithoutContextToMeet() =>
    [
        .. LexiconSeed.Terms.Where(t => t.IsActive).Select(LexiconTerm.From)
            .Where(t => t.PrecededBy is null && t.FollowedBy is null && t.NearWords is null)
            .Select(t => t.Term),
    ];

    private static List<string> Terms(string text) => [.. Seeded.Check("Narrative", text).Select(f => f.Term)];

    private static LexiconTerm Term(string term, LexiconSeverity severity = LexiconSeverity.Warn, LexiconContext? context = null) =>
        new(term, "Invented preferred wording.", "Invented explanation.", severity, context: context);

    [Theory]
    [MemberData(nameof(ActiveSeededTermsWithoutContextToMeet))]
    public void A_seeded_term_without_context_to_meet_is_flagged_in_staff_voice_with_its_preferred_wording(string term)
    {
        var seed = LexiconSeed.Terms.Single(t => t.Term == term);
        var text = $"Staff noted: {term} during the evening.";

        var finding = Assert.Single(Seeded.Check("Narrative", text));

        Assert.Equal("Narrative", finding.Field);
        Assert.Equal(seed.Id, finding.TermId);
        Assert.Equal(term, finding.Term);
        Assert.Equal(term, finding.Matched);
        Assert.Equal(text.IndexOf(term, StringComparison.Ordinal), finding.Index);
        Assert.Equal(seed.Preferred, finding.Preferred);
        Assert.Equal(seed.Explanation, finding.Explanation);
        Assert.Equal(seed.Severity, finding.Severity);
    }

    /// The surrounding words would flag every context term here ("in", "to" before it, "from" after it, the trafficker
    /// and the money near it); the quotes alone keep it unflagged.
    [Theory]
    [MemberData(nameof(ActiveSeededTerms))]
    public void No_seeded_term_is_flagged_inside_straight_or_curly_quotes(string term)
    {
        Assert.Empty(Seeded.Check("Narrative", $"The youth said \"{term}\" twice."));
        Assert.Empty(Seeded.Check("Narrative", $"The youth said \u201C{term}\u201D twice."));
        Assert.Empty(Seeded.Check("Narrative", $"She went back to \"{term}\" from the trafficker for money."));
        Assert.Empty(Seeded.Check("Narrative", $"She said, \u201Cin {term} from the motel,\u201D about the money."));
    }

    [Fact]
    public void Text_after_a_closed_quote_is_checked_again()
    {
        var text = "The youth called him \"my daddy\", and later the daddy took her money.";

        var finding = Assert.Single(Seeded.Check("Narrative", text));

        Assert.Equal("daddy", finding.Term);
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
    [InlineData("A trickster story was read aloud.")]
    [InlineData("Her grandaddy called.")]
    [InlineData("The clientele of the shop.")]
    [InlineData("The rant was about homework.")]
    [InlineData("She planted scarlet pimpernel in the garden.")]
    [InlineData("Her locker code is runaway2.")]
    public void Words_that_merely_contain_a_term_are_not_flagged(string text) =>
        Assert.Empty(Terms(text));

    [Theory]
    [InlineData("The john left.", "john")]
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

    /// "johns" and "pimps" were entries of their own while matching was by exact word; they are retired, and the
    /// singular entry reaches them as it reaches every regular inflection.
    [Theory]
    [InlineData("The johns left.", "john", "johns")]
    [InlineData("The pimps left.", "pimp", "pimps")]
    [InlineData("She was pimped out at fifteen.", "pimp", "pimped")]
    [InlineData("He was pimping girls from her school.", "pimp", "pimping")]
    [InlineData("She is eloping again.", "elope", "eloping")]
    [InlineData("She eloped overnight.", "elope", "eloped")]
    [InlineData("She absconded in June.", "abscond", "absconded")]
    [InlineData("Two runaways came back.", "runaway", "runaways")]
    [InlineData("She admitted that she lied.", "admit", "admitted")]
    [InlineData("She kept admitting that she lied.", "admit", "admitting")]
    [InlineData("She refused her medication.", "refuse", "refused")]
    [InlineData("She refuses therapy.", "refuse", "refuses")]
    [InlineData("The daddies at the motel took the girls' money.", "daddy", "daddies")]
    [InlineData("She was prostituting at fifteen, per the file.", "prostitute", "prostituting")]
    public void A_term_matches_its_regular_inflections(string text, string term, string matched)
    {
        var finding = Assert.Single(Seeded.Check("Narrative", text));

        Assert.Equal(term, finding.Term);
        Assert.Equal(matched, finding.Matched);
    }

    [Theory]
    [InlineData("She ran off after dinner.", "ran off")]
    [InlineData("She may run away again.", "run away")]
    [InlineData("She keeps running off.", "running off")]
    [InlineData("She may run from the home.", "run")]
    [InlineData("She was forced to sell her body.", "sell her body")]
    public void A_term_matches_the_irregular_forms_listed_on_its_entry(string text, string matched) =>
        Assert.Equal(matched, Assert.Single(Seeded.Check("Narrative", text)).Matched);

    [Theory]
    [InlineData("The PIMP came by.", "pimp", "PIMP")]
    [InlineData("A JOHN was mentioned.", "john", "JOHN")]
    [InlineData("Was awol for a day.", "AWOL", "awol")]
    [InlineData("She Chose To stay with the buyer.", "chose to", "Chose To")]
    public void Any_letter_case_is_flagged_and_the_typed_text_is_reported(string text, string term, string matched)
    {
        var finding = Assert.Single(Seeded.Check("Narrative", text));

        Assert.Equal(term, finding.Term);
        Assert.Equal(matched, finding.Matched);
    }

    [Theory]
    [InlineData("She ran  away again.")]
    [InlineData("She ran\naway again.")]
    [InlineData("She ran\r\n\taway again.")]
    [InlineData("She ran\u00A0away again.")]
    [InlineData("She ran-away again.")]
    [InlineData("She ran - away again.")]
    public void A_phrase_is_flagged_across_any_run_of_white_space_or_a_hyphen(string text) =>
        Assert.Equal(["ran away"], Terms(text));

    [Theory]
    [InlineData("She ranaway again.")]
    [InlineData("She ran, away again.")]
    [InlineData("She ran/away again.")]
    [InlineData("She ran. Away again.")]
    public void A_phrase_joined_by_anything_else_is_not_the_phrase(string text) =>
        Assert.Empty(Terms(text));

    /// "ran" (when followed by "from") lies inside "ran away from"; one finding stands for the span, the longer one.
    [Theory]
    [InlineData("She ran away from the home.", "ran away", "ran away")]
    [InlineData("She ran from the home.", "ran", "ran")]
    [InlineData("Her sugar daddy paid for the motel.", "sugar daddy", "sugar daddy")]
    [InlineData("She turned tricks for the trafficker.", "turn tricks", "turned tricks")]
    [InlineData("A child sex worker, the article said.", "child sex worker", "child sex worker")]
    public void Overlapping_matches_give_one_finding_for_the_longest_span(string text, string term, string matched)
    {
        var finding = Assert.Single(Seeded.Check("Narrative", text));

        Assert.Equal(term, finding.Term);
        Assert.Equal(matched, finding.Matched);
    }

    /// Leftmost first: "away from" starts inside "ran away", which starts earlier, so it is dropped although it is
    /// the longer match.
    [Fact]
    public void Of_overlapping_matches_the_leftmost_stands()
    {
        var check = new LanguageCheck([Term("away from"), Term("ran away")]);

        var finding = Assert.Single(check.Check("Narrative", "She ran away from home."));

        Assert.Equal("ran away", finding.Term);
    }

    /// Two entries reaching the same span ("walking" is an entry and an inflection of "walk"): the firmer severity
    /// stands, and between equal severities the term that sorts first. This is why the seeded "prostituting", which
    /// "prostitute" reaches with the same severity, is retired.
    [Theory]
    [InlineData(LexiconSeverity.Suggest, LexiconSeverity.Warn, "walking")]
    [InlineData(LexiconSeverity.Warn, LexiconSeverity.Suggest, "walk")]
    [InlineData(LexiconSeverity.BlockOnSign, LexiconSeverity.BlockOnSign, "walk")]
    public void Of_matches_on_the_same_span_the_firmest_severity_then_the_first_term_stands(LexiconSeverity walk, LexiconSeverity walking, string expected)
    {
        var check = new LanguageCheck([Term("walking", walking), Term("walk", walk)]);

        Assert.Equal(expected, Assert.Single(check.Check("Narrative", "She was walking.")).Term);
    }

    [Fact]
    public void Retired_seeded_entries_are_reached_by_the_entries_that_replaced_them()
    {
        var retired = LexiconSeed.Terms.Where(t => !t.IsActive).Select(t => t.Term).ToList();

        var findings = Terms("The johns and pimps were prostituting girls at the motel.");

        Assert.Equal(["john", "pimp", "prostitute"], findings);
        Assert.NotEmpty(retired);
        Assert.DoesNotContain(findings, retired.Contains);
    }

    [Theory]
    [InlineData("She agreed to it, and the buyer left.", "agree to")]
    [InlineData("She ran from the home.", "ran")]
    public void Context_holds_within_one_sentence(string text, string term) =>
        Assert.Equal([term], Terms(text));

    [Theory]
    [InlineData("She agreed to it. The buyer left.")]
    [InlineData("She agreed to it; the buyer left.")]
    [InlineData("She agreed to it!\nThe buyer left.")]
    [InlineData("She agreed to it\nthe buyer left.")]
    [InlineData("She ran. From the home, she called.")]
    public void Context_never_looks_past_the_end_of_a_sentence(string text) =>
        Assert.Empty(Terms(text));

    /// "her teacher, John Miller", "her brother John": a capitalised "john" is a name; after an article ("a John") it is the word.
    [Theory]
    [InlineData("She met her teacher, John Miller, about grades.")]
    [InlineData("John  Quizzlewhit tutors her.")]
    [InlineData("She has a follow-up at Saint John Clinic.")]
    [InlineData("Her brother John visited on Sunday.")]
    [InlineData("John said he would call the home.")]
    public void A_name_is_not_the_term(string text) =>
        Assert.Empty(Terms(text));

    [Theory]
    [InlineData("A john approached her outside.", "john")]
    [InlineData("She said a John had paid the trafficker.", "John")]
    [InlineData("Staff wrote JOHN PAID HER in the log.", "JOHN")]
    [InlineData("The JOHN drove off.", "JOHN")]
    [InlineData("She last saw the john Tuesday.", "john")]
    public void The_word_that_is_not_a_name_is_flagged(string text, string matched)
    {
        var finding = Assert.Single(Seeded.Check("Narrative", text));

        Assert.Equal("john", finding.Term);
        Assert.Equal(matched, finding.Matched);
    }

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
            Assert.Single(check.Check("Narrative", "THE PIMPING CAME BY."));
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

    /// Context terms look around every candidate; a megabyte of them near exploitation words must not go quadratic.
    [Fact]
    public void A_one_megabyte_text_of_context_terms_is_checked_completely_and_quickly()
    {
        const string Unit = "the trick paid cash at the motel and she refused her meds, ";
        var repeats = (1024 * 1024) / Unit.Length;
        var text = new StringBuilder(Unit.Length * repeats).Insert(0, Unit, repeats).ToString();
        var watch = Stopwatch.StartNew();

        var findings = Seeded.Check("Narrative", text);

        watch.Stop();
        Assert.Equal(2 * repeats, findings.Count);
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
