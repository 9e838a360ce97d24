using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Notes;

/// Notes still to be signed or co-signed, the most urgent first. A counselor sees their own drafts on their caseload
/// and the notes waiting for their co-signature as a designated supervisor; a director sees every draft and every
/// note waiting for co-signature. No note text is listed, so a sensitive note shows nothing it should not.
public sealed class UnsignedModel(SafeHomeDbContext db, TimeProvider clock, NotesOptions options) : PageModel
{
    public Paged<UnsignedRow> Notes { get; private set; } = new([], 1, 20, 0);

    public DateTime NowUtc { get; private set; }

    public bool IsDirector => User.IsInRole(Roles.ProgramDirector);

    public string? UserId => User.UserId();

    public async Task OnGetAsync(int p = 1)
    {
        NowUtc = clock.UtcNow();
        Notes = await Paged.CreateAsync(NotesToSign.For(db, User), p);
    }

    public NotesToSignTable Table => new(Notes.Items, NowUtc, clock, options.SigningDeadline, UserId);
}
