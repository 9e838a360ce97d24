using System.Security.Claims;
using SafeHome.Data;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Notes;

/// The notes waiting for the user's signature or co-signature, the earliest service end (so the earliest deadline)
/// first: the unsigned list and the start pages read the same rule. A counselor gets their own drafts on their
/// caseload and the notes waiting for their co-signature as a designated supervisor; a director every draft and every
/// note waiting for co-signature; anyone else nothing.
public static class NotesToSign
{
    /// <param name="cosignOnly">Only the notes waiting for co-signature (the director's start page).</param>
    public static IQueryable<UnsignedRow> For(SafeHomeDbContext db, ClaimsPrincipal user, bool cosignOnly = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.UserId();
        IQueryable<ProgressNote> notes;
        if (user.IsInRole(Roles.ProgramDirector))
        {
            notes = db.ProgressNotes.Where(n => n.Status == NoteStatus.Draft || n.Status == NoteStatus.CosignPending);
        }
        else if (user.IsInRole(Roles.Counselor))
        {
            var caseload = db.VisibleResidents(user).Select(r => r.Id);
            var supervised = db.Users.Where(u => u.SupervisorId == userId).Select(u => u.Id);
            // Two arms, each on the (Status, AuthorId) index: as one OR, SQLite read every note of the program.
            notes = db.ProgressNotes.Where(n => n.Status == NoteStatus.Draft && n.AuthorId == userId && caseload.Contains(n.ResidentId))
                .Concat(db.ProgressNotes.Where(n => n.Status == NoteStatus.CosignPending && n.AuthorId != userId && supervised.Contains(n.AuthorId)));
        }
        else
        {
            notes = db.ProgressNotes.Where(_ => false);
        }

        if (cosignOnly)
        {
            notes = notes.Where(n => n.Status == NoteStatus.CosignPending);
        }

        return
            from n in notes
            join r in db.Residents on n.ResidentId equals r.Id
            join u in db.Users on n.AuthorId equals u.Id into authors
            from a in authors.DefaultIfEmpty()
            orderby n.ServiceEndUtc, n.Id
            select new UnsignedRow(
                n.Id,
                n.ResidentId,
                r.PreferredName,
                n.Type,
                n.Status,
                n.ServiceStartUtc,
                n.ServiceEndUtc,
                n.AuthorId,
                a == null ? null : a.DisplayName,
                n.ReturnedAtUtc != null,
                n.IsSensitive ? null : n.ReturnComments);
    }
}

/// The notes table of the unsigned list and the start pages, with what decides "overdue".
public sealed record NotesToSignTable(IReadOnlyList<UnsignedRow> Rows, DateTime NowUtc, TimeProvider Clock, TimeSpan SigningDeadline, string? UserId)
{
    public DateTime DueUtc(UnsignedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.ServiceEndUtc + SigningDeadline;
    }

    public bool IsOverdue(UnsignedRow row) => NowUtc > DueUtc(row);

    public string Local(DateTime utc) => DetailsModel.LocalTime(Clock, utc);
}

/// <param name="ReturnComments">Null for a sensitive note: its return comments may quote it.</param>
public sealed record UnsignedRow(
    Guid Id,
    Guid ResidentId,
    string PreferredName,
    NoteType Type,
    NoteStatus Status,
    DateTime ServiceStartUtc,
    DateTime ServiceEndUtc,
    string AuthorId,
    string? AuthorName,
    bool Returned,
    string? ReturnComments);
