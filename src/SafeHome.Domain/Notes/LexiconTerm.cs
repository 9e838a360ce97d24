using SafeHome.Domain.Common;

namespace SafeHome.Domain.Notes;

/// One entry of the language guidance (DOMAIN.md §5): a term to avoid in staff voice, what to write instead, why,
/// and how firmly. Directors manage the list; a term is retired rather than deleted so old findings keep meaning.
public sealed class LexiconTerm : IVersioned, IAudited
{
    public static class MaxLength
    {
        public const int Term = 60;
        public const int Preferred = 300;
        public const int Explanation = 1_000;
        public const int Source = 200;
    }

    private LexiconTerm()
    {
    }

    public LexiconTerm(string term, string preferred, string explanation, LexiconSeverity severity, Guid? id = null, LexiconContext? context = null, string? source = null)
    {
        Id = id ?? Guid.CreateVersion7();
        Update(term, preferred, explanation, severity, isActive: true, context, source);
    }

    public static LexiconTerm From(SeedTerm seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        return new LexiconTerm(seed.Term, seed.Preferred, seed.Explanation, seed.Severity, seed.Id, seed.Context, seed.Source);
    }

    public Guid Id { get; private set; }
    public string Term { get; private set; } = string.Empty;

    /// The term folded for the unique index, so "John" and "john" cannot both be entered.
    public string NormalizedTerm { get; private set; } = string.Empty;
    public string Preferred { get; private set; } = string.Empty;
    public string Explanation { get; private set; } = string.Empty;
    public LexiconSeverity Severity { get; private set; }
    public bool IsActive { get; private set; }

    /// Where the guidance comes from (ECPAT-USA, the Luxembourg Guidelines, the home's own practice), so a director
    /// tuning an entry knows whose advice it carries.
    public string? Source { get; private set; }

    public string? OtherForms { get; private set; }
    public string? PrecededBy { get; private set; }
    public string? NotPrecededBy { get; private set; }
    public string? FollowedBy { get; private set; }
    public int FollowedWithin { get; private set; }
    public string? NotFollowedBy { get; private set; }
    public string? NearWords { get; private set; }
    public int NearWithin { get; private set; } = LexiconContext.DefaultNearWithin;
    public bool SkipNames { get; private set; }
    public long Version { get; set; }

    public LexiconContext Context => new(OtherForms, PrecededBy, NotPrecededBy, FollowedBy, FollowedWithin, NotFollowedBy, NearWords, NearWithin, SkipNames);

    public void Update(string term, string preferred, string explanation, LexiconSeverity severity, bool isActive, LexiconContext? context = null, string? source = null)
    {
        var cleaned = Collapse(term);
        if (cleaned.Length == 0 || !cleaned.Any(char.IsLetterOrDigit))
        {
            throw new DomainRuleException(nameof(Term), "Enter the word or phrase to flag.");
        }

        // An invisible character inside a term would never match what staff type, and would let "john" be entered twice.
        if (Text.FindForbiddenSingleLineCharacter(cleaned) is { } forbidden)
        {
            throw new DomainRuleException(nameof(Term), $"The term contains an invisible or control character ({forbidden}) that is not allowed. Retype it without it.");
        }

        EnsureAtMost(nameof(Term), cleaned, MaxLength.Term);
        var better = Text.Clean(preferred);
        if (better.Length == 0)
        {
            throw new DomainRuleException(nameof(Preferred), "Enter what to write instead.");
        }

        EnsureAtMost(nameof(Preferred), better, MaxLength.Preferred);
        var why = Text.Clean(explanation);
        if (why.Length == 0)
        {
            throw new DomainRuleException(nameof(Explanation), "Explain why the term is flagged, so writers learn the reason.");
        }

        EnsureAtMost(nameof(Explanation), why, MaxLength.Explanation);
        if (!Enum.IsDefined(severity))
        {
            throw new DomainRuleException(nameof(Severity), "Choose how firmly the term is flagged.");
        }

        var rules = (context ?? LexiconContext.None).Cleaned();
        var from = Text.CleanOrNull(source);
        if (Text.FindForbiddenSingleLineCharacter(from) is { } hidden)
        {
            throw new DomainRuleException(nameof(Source), $"The source contains an invisible or control character ({hidden}) that is not allowed. Retype it without it.");
        }

        if (from is not null)
        {
            EnsureAtMost(nameof(Source), from, MaxLength.Source);
        }

        if (WordForms.WordsOf(cleaned).Count > LexiconContext.PhraseMaxWords)
        {
            throw new DomainRuleException(nameof(Term), $"Use at most {LexiconContext.PhraseMaxWords} words.");
        }

        Term = cleaned;
        NormalizedTerm = Normalize(cleaned);
        Source = from;
        OtherForms = rules.OtherForms;
        PrecededBy = rules.PrecededBy;
        NotPrecededBy = rules.NotPrecededBy;
        FollowedBy = rules.FollowedBy;
        FollowedWithin = rules.FollowedWithin;
        NotFollowedBy = rules.NotFollowedBy;
        NearWords = rules.NearWords;
        NearWithin = rules.NearWithin;
        SkipNames = rules.SkipNames;
        Preferred = better;
        Explanation = why;
        Severity = severity;
        IsActive = isActive;
    }

    /// The same folding the term gets when saved (white space runs to one space, invariant lower case), so a
    /// duplicate can be found before the unique index refuses it.
    public static string Normalize(string term) => Collapse(term).ToLowerInvariant();

    private static string Collapse(string? term) => string.Join(' ', Text.Clean(term).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static void EnsureAtMost(string field, string text, int limit)
    {
        if (Text.CodePointLength(text) > limit)
        {
            throw new DomainRuleException(field, $"Use at most {limit} characters.");
        }
    }
}
