using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;

namespace SafeHome.Web.Pages.Audit;

/// The auditor's landing page: whose history to open (a resident's timeline, a staff member's activity) and the chain check.
public sealed class IndexModel(SafeHomeDbContext db) : PageModel
{
    public IReadOnlyList<ResidentLink> Residents { get; private set; } = [];

    public IReadOnlyList<StaffLink> Staff { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Residents = await db.Residents.AsNoTracking()
            .OrderBy(r => r.PreferredName).ThenBy(r => r.Id)
            .Select(r => new ResidentLink(r.Id, r.PreferredName))
            .ToListAsync(cancellationToken);
        Staff = await db.Users.AsNoTracking()
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new StaffLink(u.Id, u.DisplayName, u.IsActive))
            .ToListAsync(cancellationToken);
    }

    public sealed record ResidentLink(Guid Id, string PreferredName);

    public sealed record StaffLink(string Id, string DisplayName, bool IsActive);
}
