using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Missing;

/// The resident's missing episodes, newest first.
public sealed class IndexModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    public Guid ResidentId { get; private set; }

    public string ResidentName { get; private set; } = string.Empty;

    public List<Row> Episodes { get; private set; } = [];

    public bool CanWrite => User.IsInRole(Roles.ProgramDirector) || User.IsInRole(Roles.Counselor);

    public async Task<IActionResult> OnGetAsync(Guid residentId)
    {
        var resident = await ResidentVisibility.FindVisibleAsync(db, User, residentId);
        if (resident is null)
        {
            return NotFound();
        }

        ResidentId = residentId;
        ResidentName = resident.PreferredName;
        var now = clock.UtcNow();
        var episodes = await db.MissingEpisodes.Where(e => e.ResidentId == residentId).Include(e => e.Notifications).AsSplitQuery().ToListAsync();
        Episodes = episodes.OrderByDescending(e => e.LastSeenUtc)
            .Select(e => new Row(e.Id, clock.ToLocal(e.LastSeenUtc), e.ReturnedUtc is { } r ? clock.ToLocal(r) : null, (e.ReturnedUtc ?? now) - e.LastSeenUtc, e.OverdueItems(now).Count()))
            .ToList();
        return Page();
    }

    public sealed record Row(Guid Id, DateTime LastSeen, DateTime? Returned, TimeSpan Duration, int Overdue);
}
