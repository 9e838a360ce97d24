using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Notes;

namespace SafeHome.Web.Pages.Notes.Lexicon;

/// The language guidance every note is checked against (DOMAIN.md §5): active terms first, then retired ones, which
/// stay listed because signed notes' findings still name them.
public sealed class IndexModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<LexiconTerm> Terms { get; private set; } = [];

    public IReadOnlyDictionary<Guid, TermCounts> Usage { get; private set; } = new Dictionary<Guid, TermCounts>();

    public DateTime UsageSinceUtc { get; private set; }

    public string Local(DateTime utc) => DetailsModel.LocalTime(clock, utc);

    public async Task OnGetAsync()
    {
        var terms = await db.LexiconTerms.AsNoTracking().ToListAsync();
        UsageSinceUtc = clock.GetUtcNow().UtcDateTime.AddDays(-TermModel.UsageDays);
        Usage = await LexiconUsage.AllAsync(db, UsageSinceUtc);
        Terms = [.. terms.OrderByDescending(t => t.IsActive).ThenBy(t => t.Severity).ThenBy(t => t.NormalizedTerm, StringComparer.Ordinal)];
    }

    /// The entry's context in words, one line per condition, for the list.
    public static IEnumerable<string> Conditions(LexiconTerm term)
    {
        ArgumentNullException.ThrowIfNull(term);
        if (term.OtherForms is { } forms)
        {
            yield return $"also as: {forms}";
        }

        if (term.PrecededBy is { } preceded)
        {
            yield return $"right after: {preceded}";
        }

        if (term.NotPrecededBy is { } notPreceded)
        {
            yield return $"not right after: {notPreceded}";
        }

        if (term.FollowedBy is { } followed)
        {
            yield return term.FollowedWithin == 0 ? $"followed by: {followed}" : $"followed within {term.FollowedWithin} words by: {followed}";
        }

        if (term.NotFollowedBy is { } notFollowed)
        {
            yield return $"not right before: {notFollowed}";
        }

        if (term.NearWords is { } near)
        {
            yield return $"within {term.NearWithin} words of: {near}";
        }

        if (term.SkipNames)
        {
            yield return "not as a person's name";
        }
    }
}
