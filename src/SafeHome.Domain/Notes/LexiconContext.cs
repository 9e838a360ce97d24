using SafeHome.Domain.Common;

namespace SafeHome.Domain.Notes;

/// What must, or must not, stand around a lexicon term for it to be flagged, kept as data so directors can tune the
/// guidance without a release. Every list is comma-separated words or phrases; each word in them also matches its
/// inflections, as the term does. An empty list sets no condition.
/// <list type="bullet">
/// <item><see cref="OtherForms"/>: irregular forms of the term that inflection does not reach ("run away" for "ran away").</item>
/// <item><see cref="PrecededBy"/> / <see cref="NotPrecededBy"/>: a phrase that must, or must not, come right before it.</item>
/// <item><see cref="FollowedBy"/>: a phrase that must follow, with at most <see cref="FollowedWithin"/> words between.</item>
/// <item><see cref="NotFollowedBy"/>: a phrase that must not come right after it.</item>
/// <item><see cref="NearWords"/>: one of these words within <see cref="NearWithin"/> words either side.</item>
/// <item><see cref="SkipNames"/>: not when written as a person's name, with a capital letter ("John Miller", "her brother
/// John"), unless an article comes right before it ("a John").</item>
/// </list>
/// None of these look past the end of a sentence (. ! ? ; or a line break).
public sealed record LexiconContext(
    string? OtherForms = null,
    string? PrecededBy = null,
    string? NotPrecededBy = null,
    string? FollowedBy = null,
    int FollowedWithin = 0,
    string? NotFollowedBy = null,
    string? NearWords = null,
    int NearWithin = LexiconContext.DefaultNearWithin,
    bool SkipNames = false)
{
    public const int ListMaxLength = 600;
    public const int PhraseMaxWords = 6;
    public const int MaxFollowedWithin = 5;
    public const int MaxNearWithin = 20;
    public const int DefaultNearWithin = 8;

    public static LexiconContext None { get; } = new();

    /// The phrases of a comma-separated list as typed: trimmed, runs of white space made one, lower case, duplicates
    /// dropped, in order.
    public static IReadOnlyList<string> Phrases(string? list) =>
        string.IsNullOrWhiteSpace(list)
            ? []
            : list.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
                .Select(p => string.Join(' ', p.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant())
                .Where(p => p.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToList();

    /// The context as it is stored: every list cleaned and checked, each refusal naming its field.
    public LexiconContext Cleaned() => new(
        CleanList(nameof(OtherForms), OtherForms, singleWords: false),
        CleanList(nameof(PrecededBy), PrecededBy, singleWords: false),
        CleanList(nameof(NotPrecededBy), NotPrecededBy, singleWords: false),
        CleanList(nameof(FollowedBy), FollowedBy, singleWords: false),
        Within(nameof(FollowedWithin), FollowedWithin, 0, MaxFollowedWithin),
        CleanList(nameof(NotFollowedBy), NotFollowedBy, singleWords: false),
        CleanList(nameof(NearWords), NearWords, singleWords: true),
        Within(nameof(NearWithin), NearWithin, 1, MaxNearWithin),
        SkipNames);

    private static string? CleanList(string field, string? list, bool singleWords)
    {
        var text = Text.Clean(list);
        if (Text.FindForbiddenMultiLineCharacter(text) is { } forbidden)
        {
            throw new DomainRuleException(field, $"The list contains an invisible or control character ({forbidden}) that is not allowed. Retype it without it.");
        }

        var phrases = Phrases(text);
        foreach (var phrase in phrases)
        {
            var words = WordForms.WordsOf(phrase);
            if (words.Count == 0)
            {
                throw new DomainRuleException(field, $"\"{phrase}\" has no letters or digits. Separate words and phrases with commas.");
            }

            if (singleWords && words.Count > 1)
            {
                throw new DomainRuleException(field, $"\"{phrase}\" is more than one word. List single words here, separated by commas.");
            }

            if (words.Count > PhraseMaxWords)
            {
                throw new DomainRuleException(field, $"\"{phrase}\" is longer than {PhraseMaxWords} words. Use shorter phrases.");
            }
        }

        var joined = string.Join(", ", phrases);
        if (Text.CodePointLength(joined) > ListMaxLength)
        {
            throw new DomainRuleException(field, $"Use at most {ListMaxLength} characters.");
        }

        return joined.Length == 0 ? null : joined;
    }

    private static int Within(string field, int value, int low, int high) =>
        value < low || value > high
            ? throw new DomainRuleException(field, $"Enter a whole number from {low} to {high}.")
            : value;
}
