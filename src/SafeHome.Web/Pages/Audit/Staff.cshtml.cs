using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;

namespace SafeHome.Web.Pages.Audit;

/// Everything one staff member did (changes, views, sign-ins, denials) in a period, newest first.
public sealed class StaffModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public AuditFilter Filter { get; set; } = new();

    public string UserId { get; private set; } = string.Empty;

    public string DisplayName { get; private set; } = string.Empty;

    public KeysetPage<TimelineRow> Activity { get; private set; } = new([], false, false);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var member = id.Length > 450 ? null : await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return NotFound();
        }

        UserId = member.Id;
        DisplayName = member.DisplayName;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The staff member is fixed by the route; the other filters (type, action) narrow within their activity.
        Filter.User = member.Id;
        var query = AuditQueries.Apply(db.AuditEntries.AsNoTracking(), Filter, clock);
        var page = await AuditQueries.PageAsync(query, Filter.Before, Filter.After, cancellationToken);
        var names = new Dictionary<string, string> { [member.Id] = member.DisplayName };
        Activity = new KeysetPage<TimelineRow>([.. page.Items.Select(e => AuditQueries.ToRow(e, names, clock))], page.HasOlder, page.HasNewer)
        {
            OlderCursor = page.OlderCursor,
            NewerCursor = page.NewerCursor,
        };
        return Page();
    }
}
