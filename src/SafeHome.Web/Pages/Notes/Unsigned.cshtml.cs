using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;
using SafeHome.Domain.Notes;
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
        var userId = User.UserId();
        IQueryable<ProgressNote> notes;
        if (IsDirector)
        {
            notes = db.ProgressNotes.Where(n => n.Status == NoteStatus.Draft || n.Status == NoteStatus.CosignPending);
        }
        else
        {
            var caseload = db.VisibleResidents(User).Select(r => r.Id);
            var supervised = db.Users.Where(u => u.SupervisorId == userId).Select(u => u.Id);
            notes = db.ProgressNotes.Where(n =>
                (n.Status == NoteStatus.Draft && n.AuthorId == userId && caseload.Contains(n.ResidentId))
                || (n.Status == NoteStatus.CosignPending && n.AuthorId != userId && supervised.Contains(n.AuthorId)));
        }

        var rows =
            from n in notes
            join r in db.Residents on n.ResidentId equals r.Id
            join u in db.Users on n.AuthorId equals u.Id into authors
            from a in authors.DefaultIfEmpty()
            orderby n.ServiceEndUtc, n.Id
            select new UnsignedRow(
                n.Id,
                r.PreferredName,
                n.Type,
                n.Status,
                n.ServiceStartUtc,
                n.ServiceEndUtc,
                n.AuthorId,
                a == null ? null : a.DisplayName,
                n.ReturnedAtUtc != null,
                n.IsSensitive ? null : n.ReturnComments);
        Notes = await Paged.CreateAsync(rows, p);
    }

    public DateTime DueUtc(UnsignedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.ServiceEndUtc + options.SigningDeadline;
    }

    public bool IsOverdue(UnsignedRow row) => NowUtc > DueUtc(row);

    public string Local(DateTime utc) => DetailsModel.LocalTime(clock, utc);

    /// <param name="ReturnComments">Null for a sensitive note: its return comments may quote it.</param>
    public sealed record UnsignedRow(
        Guid Id,
        string PreferredName,
        NoteType Type,
        NoteStatus Status,
        DateTime ServiceStartUtc,
        DateTime ServiceEndUtc,
        string AuthorId,
        string? AuthorName,
        bool Returned,
        string? ReturnComments);
}
