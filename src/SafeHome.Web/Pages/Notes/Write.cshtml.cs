using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Notes;

/// Starts a progress note for a resident on the counselor's caseload (DOMAIN.md §6A step 1). The note is saved as the
/// author's DRAFT; the language check and the required parts are shown on the edit page, where it is signed.
public sealed class WriteModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(Name = nameof(Input))]
    public InputModel Input { get; set; } = new();

    public Resident Resident { get; private set; } = null!;

    public IReadOnlyList<PlanGoal> Goals { get; private set; } = [];

    public IReadOnlyList<LanguageFinding> Findings { get; private set; } = [];

    public string LexiconJson { get; private set; } = "[]";

    public NoteFormView Form => new(Input, Goals, Findings, LexiconJson);

    public async Task<IActionResult> OnGetAsync(Guid residentId)
    {
        if (!await LoadAsync(residentId))
        {
            return NotFound();
        }

        Input.SubmissionId = Guid.CreateVersion7();
        (Input.ServiceStart, Input.ServiceEnd) = NoteForms.DefaultService(clock);
        Input.Type = NoteType.Individual;
        Input.Format = NoteFormat.Girp;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid residentId)
    {
        if (!await LoadAsync(residentId))
        {
            return NotFound();
        }

        if (Input.SubmissionId != Guid.Empty && await db.ProgressNotes.AnyAsync(n => n.Id == Input.SubmissionId))
        {
            return await ExistingSubmissionAsync(residentId);
        }

        var links = Input.ResolveLinks(Goals, ModelState);
        if (!ModelState.IsValid)
        {
            return await RefusedAsync();
        }

        ProgressNote note;
        try
        {
            note = ProgressNote.Start(
                residentId,
                User.UserId()!,
                Input.ToContent(),
                links,
                NoteForms.WindowOf(Resident, clock),
                clock.UtcNow(),
                Input.SubmissionId == Guid.Empty ? null : Input.SubmissionId);
        }
        catch (DomainRuleException ex)
        {
            ModelState.AddRuleError(ex);
            return await RefusedAsync();
        }

        note.MarkSensitive(Input.IsSensitive);
        db.ProgressNotes.Add(note);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // A second click raced the first one to the insert; show the note the first one made.
            db.ChangeTracker.Clear();
            if (!await db.ProgressNotes.AnyAsync(n => n.Id == note.Id))
            {
                throw;
            }

            return await ExistingSubmissionAsync(residentId);
        }

        var findings = (await db.LanguageCheckAsync()).Check(note.CheckedTexts());
        await LanguageUse.RecordAsync(db, note.Id, findings, clock.UtcNow());
        TempData["Status"] = NoteForms.SavedStatus("The draft note is saved. Only you can change it until you sign it.", findings);
        return RedirectToPage("Edit", new { id = note.Id });
    }

    /// The same form posted twice (a double click, a back-button resubmit) opens the note the first post made.
    private async Task<IActionResult> ExistingSubmissionAsync(Guid residentId)
    {
        var userId = User.UserId();
        var mine = await db.ProgressNotes.AnyAsync(n => n.Id == Input.SubmissionId && n.ResidentId == residentId && n.AuthorId == userId);
        if (!mine)
        {
            return NotFound();
        }

        TempData["Status"] = "This note was already saved; here it is.";
        return RedirectToPage("Edit", new { id = Input.SubmissionId });
    }

    private async Task<IActionResult> RefusedAsync()
    {
        Findings = (await db.LanguageCheckAsync()).Check(Input.CheckedTexts());
        return Page();
    }

    private async Task<bool> LoadAsync(Guid residentId)
    {
        var resident = await db.FindVisibleAsync(User, residentId);
        if (resident is null)
        {
            return false;
        }

        Resident = resident;
        Goals = await db.ActiveGoalsAsync(residentId);
        LexiconJson = await NoteForms.LexiconJsonAsync(db);
        return true;
    }

    public sealed class InputModel : NoteFormInput
    {
        public Guid SubmissionId { get; set; }
    }
}
