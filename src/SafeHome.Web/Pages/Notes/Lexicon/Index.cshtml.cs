using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Notes;

namespace SafeHome.Web.Pages.Notes.Lexicon;

/// The language guidance every note is checked against (DOMAIN.md §5): active terms first, then retired ones, which
/// stay listed because signed notes' findings still name them.
public sealed class IndexModel(SafeHomeDbContext db) : PageModel
{
    public IReadOnlyList<LexiconTerm> Terms { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var terms = await db.LexiconTerms.AsNoTracking().ToListAsync();
        Terms = [.. terms.OrderByDescending(t => t.IsActive).ThenBy(t => t.Severity).ThenBy(t => t.NormalizedTerm, StringComparer.Ordinal)];
    }
}
