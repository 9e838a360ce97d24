using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Notes;

/// One note as the signed-in user may see it. <see cref="CanReadContent"/> is false only for a sensitive note read by
/// someone outside the resident's caseload (a designated supervisor), who then sees type, date and author only.
public sealed record VisibleNote(ProgressNote Note, bool ResidentVisible)
{
    public bool CanReadContent => ResidentVisible || !Note.IsSensitive;
}

public static class NoteAccess
{
    /// A note, with its links, amendments and language findings, or null when it does not exist or the user may not
    /// see it: the resident's caseload rule, plus the author's designated supervisor, who co-signs it.
    public static async Task<VisibleNote?> FindVisibleNoteAsync(this SafeHomeDbContext db, ClaimsPrincipal user, Guid noteId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var note = await db.ProgressNotes
            .Include(n => n.Links)
            .Include(n => n.Amendments)
            .Include(n => n.LanguageFindings)
            .AsSplitQuery()
            .FirstOrDefaultAsync(n => n.Id == noteId);
        if (note is null)
        {
            return null;
        }

        var residentVisible = await db.VisibleResidents(user).AnyAsync(r => r.Id == note.ResidentId);
        if (residentVisible)
        {
            return new VisibleNote(note, true);
        }

        return await IsSupervisorOfAsync(db, user, note.AuthorId) ? new VisibleNote(note, false) : null;
    }

    /// Notes of one resident the user may list (empty when the resident is not visible). Lists never show a
    /// sensitive note's text, whoever reads them.
    public static IQueryable<ProgressNote> VisibleNotesOf(this SafeHomeDbContext db, ClaimsPrincipal user, Guid residentId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ProgressNotes.Where(n => n.ResidentId == residentId).WhereVisible(db, user, n => n.ResidentId);
    }

    /// Directors co-sign any note; a counselor only notes of staff they are designated to supervise.
    public static async Task<bool> CanCosignAsync(this SafeHomeDbContext db, ClaimsPrincipal user, ProgressNote note)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(note);
        if (note.AuthorId == user.UserId())
        {
            return false;
        }

        return user.IsInRole(Roles.ProgramDirector) || (user.IsInRole(Roles.Counselor) && await IsSupervisorOfAsync(db, user, note.AuthorId));
    }

    public static async Task<bool> NeedsCosignAsync(this SafeHomeDbContext db, string userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.RequiresCosign).SingleOrDefaultAsync();
    }

    /// The active lexicon, read fresh for every check so a director's change takes effect on the next save. Building
    /// the check from the entries costs about ten times the check itself (language-bench), so the last one built is
    /// kept and reused while the database, the entries and their versions are the same.
    public static async Task<LanguageCheck> LanguageCheckAsync(this SafeHomeDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var terms = await db.LexiconTerms.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Id).ToListAsync();
        // The database is part of the key: tests run many homes in one process, each with its own lexicon.
        var key = db.Database.GetConnectionString() + "|" + string.Join(',', terms.Select(t => $"{t.Id:N}:{t.Version}"));
        var last = lastCheck;
        if (last is not null && last.Key == key)
        {
            return last.Check;
        }

        var check = new LanguageCheck(terms);
        lastCheck = new BuiltCheck(key, check);
        return check;
    }

    private static BuiltCheck? lastCheck;

    private sealed record BuiltCheck(string Key, LanguageCheck Check);

    /// Goals and objectives of the resident's ACTIVE plan, the only ones a note can be linked to.
    public static async Task<IReadOnlyList<PlanGoal>> ActiveGoalsAsync(this SafeHomeDbContext db, Guid residentId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plan = await db.ServicePlans
            .Include(p => p.Goals).ThenInclude(g => g.Objectives)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.ResidentId == residentId && p.Status == PlanStatus.Active);
        return plan?.Goals.OrderBy(g => g.SortOrder).ToList() ?? [];
    }

    private static async Task<bool> IsSupervisorOfAsync(SafeHomeDbContext db, ClaimsPrincipal user, string authorId)
    {
        var userId = user.UserId();
        return user.IsInRole(Roles.Counselor) && userId is not null
            && await db.Users.AnyAsync(u => u.Id == authorId && u.SupervisorId == userId);
    }
}
