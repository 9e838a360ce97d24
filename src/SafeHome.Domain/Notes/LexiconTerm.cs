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
    }

    private LexiconTerm()
    {
    }

    public LexiconTerm(string term, string preferred, string explanation, LexiconSeverity severity, Guid? id = null)
    {
        Id = id ?? Guid.CreateVersion7();
        Update(term, preferred, explanation, severity, isActive: true);
    }

    public Guid Id { get; private set; }
    public string Term { get; private set; } = string.Empty;

    /// The term folded for the unique index, so "John" and "john" cannot both be entered.
    public string NormalizedTerm { get; private set; } = string.Empty;
    public string Preferred { get; private set; } = string.Empty;
    public string Explanation { get; private set; } = string.Empty;
    public LexiconSeverity Severity { get; private set; }
    public bool IsActive { get; private set; }
    public long Version { get; set; }

    public void Update(string term, string preferred, string explanation, LexiconSeverity severity, bool isActive)
    {
        var cleaned = string.Join(' ', Text.Clean(term).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (cleaned.Length == 0 || !cleaned.Any(char.IsLetterOrDigit))
        {
            throw new DomainRuleException(nameof(Term), "Enter the word or phrase to flag.");
        }

        var better = Text.Clean(preferred);
        if (better.Length == 0)
        {
            throw new DomainRuleException(nameof(Preferred), "Enter what to write instead.");
        }

        var why = Text.Clean(explanation);
        if (why.Length == 0)
        {
            throw new DomainRuleException(nameof(Explanation), "Explain why the term is flagged, so writers learn the reason.");
        }

        Term = cleaned;
        NormalizedTerm = Normalize(cleaned);
        Preferred = better;
        Explanation = why;
        Severity = severity;
        IsActive = isActive;
    }

    public static string Normalize(string term) => Text.Clean(term).ToLowerInvariant();
}
