using SafeHome.Domain.Common;
using SafeHome.Domain.Notes;

namespace SafeHome.UnitTests.Notes;

/// One lexicon entry: the term is cleaned and folded for the unique index, every part is required and bounded, and
/// a term is retired and reactivated rather than deleted.
public sealed class LexiconTermTests
{
    private static LexiconTerm Term(string term = "runaway", string preferred = "missing from care", string explanation = "Invented explanation.", LexiconSeverity severity = LexiconSeverity.Warn) =>
        new(term, preferred, explanation, severity);

    private static string Field(Action action) => Assert.Throws<DomainRuleException>(action).Field;

    [Fact]
    public void A_new_term_is_active_cleaned_and_folded()
    {
        var term = Term("  Chose \t  To\n ", "  was coerced  ", " Implies consent. ");

        Assert.True(term.IsActive);
        Assert.Equal("Chose To", term.Term);
        Assert.Equal("chose to", term.NormalizedTerm);
        Assert.Equal("was coerced", term.Preferred);
        Assert.Equal("Implies consent.", term.Explanation);
        Assert.NotEqual(Guid.Empty, term.Id);
    }

    [Theory]
    [InlineData("John", "john")]
    [InlineData("  JOHN  ", "john")]
    [InlineData("chose   to", "chose to")]
    [InlineData("chose\r\nto", "chose to")]
    [InlineData("Jose\u0301", "jos\u00E9")]
    [InlineData("AWOL", "awol")]
    public void Normalisation_makes_spellings_that_match_alike_one_key(string typed, string expected) =>
        Assert.Equal(expected, LexiconTerm.Normalize(typed));

    [Fact]
    public void The_seeded_terms_have_distinct_keys() =>
        Assert.Equal(LexiconSeed.Terms.Count, LexiconSeed.Terms.Select(t => LexiconTerm.Normalize(t.Term)).Distinct().Count());

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u00A0\u2003")]
    [InlineData("---")]
    [InlineData("\"  \"")]
    public void An_empty_or_letterless_term_is_refused(string term) =>
        Assert.Equal(nameof(LexiconTerm.Term), Field(() => Term(term)));

    [Theory]
    [InlineData("jo\u200Bhn", "U+200B")]
    [InlineData("evil\u202Etxt", "U+202E")]
    [InlineData("pi\u2066mp", "U+2066")]
    [InlineData("nul\0l", "U+0000")]
    public void A_term_with_an_invisible_or_control_character_is_refused(string term, string character)
    {
        var error = Assert.Throws<DomainRuleException>(() => Term(term));

        Assert.Equal(nameof(LexiconTerm.Term), error.Field);
        Assert.Contains(character, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Preferred_wording_and_explanation_are_required()
    {
        Assert.Equal(nameof(LexiconTerm.Preferred), Field(() => Term(preferred: " ")));
        Assert.Equal(nameof(LexiconTerm.Explanation), Field(() => Term(explanation: "\n")));
    }

    [Fact]
    public void Each_part_is_accepted_at_its_limit_and_refused_beyond_it()
    {
        var atLimit = Term(new string('t', LexiconTerm.MaxLength.Term), new string('p', LexiconTerm.MaxLength.Preferred), new string('e', LexiconTerm.MaxLength.Explanation));
        Assert.Equal(LexiconTerm.MaxLength.Explanation, atLimit.Explanation.Length);

        Assert.Equal(nameof(LexiconTerm.Term), Field(() => Term(new string('t', LexiconTerm.MaxLength.Term + 1))));
        Assert.Equal(nameof(LexiconTerm.Preferred), Field(() => Term(preferred: new string('p', LexiconTerm.MaxLength.Preferred + 1))));
        Assert.Equal(nameof(LexiconTerm.Explanation), Field(() => Term(explanation: new string('e', 1024 * 1024))));
    }

    [Fact]
    public void Limits_count_characters_as_people_do()
    {
        var emoji = string.Concat(Enumerable.Repeat("🌻", LexiconTerm.MaxLength.Term - 1)) + "a";

        Assert.Equal(LexiconTerm.MaxLength.Term, Text.CodePointLength(Term(emoji).Term));
    }

    [Fact]
    public void An_unknown_severity_is_refused() =>
        Assert.Equal(nameof(LexiconTerm.Severity), Field(() => Term(severity: (LexiconSeverity)42)));

    [Fact]
    public void A_term_is_retired_and_reactivated_by_update()
    {
        var term = Term();

        term.Update("runaway", "missing from care", "Invented explanation.", LexiconSeverity.Suggest, isActive: false);
        Assert.False(term.IsActive);
        Assert.Equal(LexiconSeverity.Suggest, term.Severity);

        term.Update("Runaway", "missing from care", "Invented explanation.", LexiconSeverity.Suggest, isActive: true);
        Assert.True(term.IsActive);
        Assert.Equal("runaway", term.NormalizedTerm);
    }

    [Fact]
    public void A_refused_update_changes_nothing()
    {
        var term = Term();

        Assert.Throws<DomainRuleException>(() => term.Update("renamed", "new wording", " ", LexiconSeverity.BlockOnSign, isActive: false));

        Assert.Equal("runaway", term.Term);
        Assert.Equal("missing from care", term.Preferred);
        Assert.Equal(LexiconSeverity.Warn, term.Severity);
        Assert.True(term.IsActive);
    }
}
