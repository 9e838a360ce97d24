using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Notes;

/// One part of a note that a correction can replace: a section of the note's format or one of the fields every
/// format has. <see cref="Key"/> is what NoteAmendment.Section stores.
public sealed record NotePart(string Key, string Label, string? Text);

/// A goal the note is linked to, read from the plan version it was linked in.
public sealed record LinkedGoal(string Goal, string? Objective);

/// A note as signed, with its amendments in the order they were written. The content hash is re-checked on every
/// view, so a change made to the stored text outside the application shows here at once.
public sealed class DetailsModel(SafeHomeDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    private Dictionary<string, string> _names = [];

    public ProgressNote Note { get; private set; } = null!;

    public bool CanReadContent { get; private set; }

    public bool ResidentVisible { get; private set; }

    public string? PreferredName { get; private set; }

    public bool CanEdit { get; private set; }

    public bool CanAmend { get; private set; }

    public bool CanCosign { get; private set; }

    public IReadOnlyList<LinkedGoal> Goals { get; private set; } = [];

    public IReadOnlyList<NoteAmendment> Amendments => [.. Note.Amendments.OrderBy(a => a.CreatedAtUtc).ThenBy(a => a.Id)];

    public NoteAmendment? EnteredInError => Note.Amendments.FirstOrDefault(a => a.Kind == AmendmentKind.EnteredInError);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var visible = await db.FindVisibleNoteAsync(User, id);
        if (visible is null)
        {
            return NotFound();
        }

        Note = visible.Note;
        CanReadContent = visible.CanReadContent;
        ResidentVisible = visible.ResidentVisible;
        _names = await db.StaffNamesAsync([Note.AuthorId, Note.SignedById, Note.CosignedById, Note.ReturnedById, .. Note.Amendments.Select(a => a.AuthorId)]);
        if (CanReadContent)
        {
            PreferredName = await db.Residents.Where(r => r.Id == Note.ResidentId).Select(r => r.PreferredName).SingleAsync();
            Goals = await LinkedGoalsAsync();
        }

        // Auditors read everything and change nothing, so they get no action links.
        var userId = User.UserId();
        var isAuthor = Note.AuthorId == userId && User.IsInRole(Roles.Counselor);
        CanEdit = isAuthor && Note.Status == NoteStatus.Draft;
        CanAmend = isAuthor && Note.IsLocked && !Note.IsEnteredInError;
        CanCosign = CanReadContent && Note.Status == NoteStatus.CosignPending && !User.IsInRole(Roles.Auditor) && await db.CanCosignAsync(User, Note);

        // A note is part of the case file: every view of it is in the record's history, restricted or not.
        await audit.RecordForResidentAsync(AuditActions.View, nameof(ProgressNote), id.ToString(), Note.ResidentId);
        return Page();
    }

    public string NameOf(string? userId) => userId is null ? "—" : _names.GetValueOrDefault(userId, "(former staff)");

    public string Local(DateTime utc) => LocalTime(clock, utc);

    public static string LocalTime(TimeProvider clock, DateTime utc) =>
        clock.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// The parts a correction can replace, in the order the note shows them, with their text as signed.
    public static IReadOnlyList<NotePart> PartsOf(ProgressNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return
        [
            .. NoteFormats.SectionsOf(note.Format).Select(s => new NotePart(s.Section.ToString(), s.Label, note.SectionText(s.Section))),
            new(nameof(ProgressNote.YouthWords), "The youth's own words", note.YouthWords),
            new(nameof(ProgressNote.StrengthsObserved), "Strengths observed", note.StrengthsObserved),
            new(nameof(ProgressNote.InterventionsUsed), "Interventions used", note.InterventionsUsed),
            new(nameof(ProgressNote.RiskFollowUp), "Risk follow-up action", note.RiskFollowUp),
        ];
    }

    public NotePart Part(string key) => PartsOf(Note).Single(p => p.Key == key);

    public static string PartLabel(ProgressNote note, string? key) =>
        PartsOf(note).FirstOrDefault(p => p.Key == key)?.Label ?? key ?? "—";

    public static string Answer(bool? answer) => answer switch
    {
        true => "Yes",
        false => "No",
        null => "Not answered",
    };

    private async Task<IReadOnlyList<LinkedGoal>> LinkedGoalsAsync()
    {
        if (Note.Links.Count == 0)
        {
            return [];
        }

        var goalIds = Note.Links.Select(l => l.GoalId).Distinct().ToList();
        var objectiveIds = Note.Links.Select(l => l.ObjectiveId).OfType<Guid>().Distinct().ToList();
        var goals = await db.PlanGoals.Where(g => goalIds.Contains(g.Id)).Select(g => new { g.Id, g.YouthStatement }).ToDictionaryAsync(g => g.Id, g => g.YouthStatement);
        var objectives = await db.PlanObjectives.Where(o => objectiveIds.Contains(o.Id)).Select(o => new { o.Id, o.Criterion }).ToDictionaryAsync(o => o.Id, o => o.Criterion);
        return
        [
            .. Note.Links.Select(l => new LinkedGoal(
                goals.GetValueOrDefault(l.GoalId, "(goal no longer in the plan)"),
                l.ObjectiveId is { } objective ? objectives.GetValueOrDefault(objective, "(objective no longer in the plan)") : null)),
        ];
    }
}
