using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Residents;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Pages.Notes;

namespace SafeHome.Web.Pages.Residents;

public sealed class DetailsModel(SafeHomeDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public Resident Resident { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> StaffNames { get; private set; } = new Dictionary<string, string>();

    public DateOnly Today { get; private set; }

    /// Notes in the record: entered-in-error ones are kept but not counted, as the notes list hides them too.
    public int NoteCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var resident = await db.FindVisibleAsync(User, id);
        if (resident is null)
        {
            return NotFound();
        }

        Resident = resident;
        Today = clock.Today();
        var staffIds = resident.Assignments.Select(a => a.CounselorId).ToList();
        StaffNames = await db.Users.Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        NoteCount = await db.VisibleNotesOf(User, id).CountAsync(n => !n.IsEnteredInError);

        // Every view of a resident's record is part of its history (DESIGN.md: who viewed it).
        await audit.RecordAsync(AuditActions.View, nameof(Domain.Residents.Resident), id.ToString());
        return Page();
    }

    public string NameOf(string staffId) => StaffNames.TryGetValue(staffId, out var name) ? name : "(former staff)";
}
