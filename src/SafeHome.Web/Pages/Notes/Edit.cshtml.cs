using System.ComponentModel.DataAnnotations;
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

/// Edits and signs a DRAFT note (DOMAIN.md §6A steps 1–4). Only the author may change or sign it; a signed note is
/// locked here and changes only through an amendment. Signing covers the text as last saved, never unsaved typing.
public sealed class EditModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    public enum Lock
    {
        None,
        NotAuthor,
        AlreadySigned,
    }

    // Named explicitly: a post of one form then never binds the other model from unprefixed keys.
    [BindProperty(Name = nameof(Input))]
    public InputModel Input { get; set; } = new();

    [BindProperty(Name = nameof(SignInput))]
    public SignInputModel SignInput { get; set; } = new();

    public ProgressNote Note { get; private set; } = null!;

    public string PreferredName { get; private set; } = string.Empty;

    public string AuthorName { get; private set; } = string.Empty;

    public string? ReturnedByName { get; private set; }

    public Lock Locked { get; private set; }

    public IReadOnlyList<PlanGoal> Goals { get; private set; } = [];

    public IReadOnlyList<LanguageFinding> Findings { get; private set; } = [];

    /// Set after a stale save: what differs between the saved draft and the typing.
    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    /// Why the last sign attempt did not sign, shown beside the sign button (the details are next to the fields).
    public string? SignProblem { get; private set; }

    public string LexiconJson { get; private set; } = "[]";

    public NoteFormView Form => new(Input, Goals, Findings, LexiconJson);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Locked != Lock.None)
        {
            return LockedPage();
        }

        ShowSaved();
        Findings = await CheckSavedAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Locked != Lock.None)
        {
            return LockedPage();
        }

        KeepStateOf(nameof(Input));
        SignInput.Version = Note.Version;
        var links = Input.ResolveLinks(Goals, ModelState);
        if (!ModelState.IsValid)
        {
            return await TypedPageAsync();
        }

        var resident = await db.Residents.Include(r => r.Stays).AsSplitQuery().SingleAsync(r => r.Id == Note.ResidentId);
        var outcome = await db.SaveAsync(
            ModelState,
            Note,
            Input,
            saved =>
            {
                saved.UpdateDraft(User.UserId()!, Input.ToContent(), links, NoteForms.WindowOf(resident, clock), clock.UtcNow());
                saved.MarkSensitive(Input.IsSensitive);
                return Task.CompletedTask;
            },
            async () => await LoadAsync(id) ? Note : null,
            saved => InputModel.From(saved, Goals));
        if (!outcome.Saved)
        {
            // Signed in another tab meanwhile: the page says where changes go now.
            if (Locked != Lock.None)
            {
                return LockedPage();
            }

            Conflicts = outcome.Conflicts;
            SignInput.Version = Note.Version;
            return await TypedPageAsync();
        }

        var findings = await CheckSavedAsync();
        await LanguageUse.RecordAsync(db, Note.Id, findings, clock.UtcNow());
        TempData["Status"] = NoteForms.SavedStatus("The draft is saved.", findings);
        return RedirectToPage("Edit", new { id });
    }

    public async Task<IActionResult> OnPostSignAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Locked != Lock.None)
        {
            return LockedPage();
        }

        // The sign form posts only the reason and the version; the note form shows the draft as saved.
        KeepStateOf(nameof(SignInput));
        var reason = SignInput.LanguageOverrideReason;
        var version = SignInput.Version;
        ShowSaved();
        SignInput.LanguageOverrideReason = reason;
        SignInput.Version = version;
        var findings = await CheckSavedAsync();
        Findings = findings;
        if (!ModelState.IsValid || version is null)
        {
            SignProblem = "The note is not signed. See the message below.";
            return Page();
        }

        var needsCosign = await db.NeedsCosignAsync(Note.AuthorId);
        var outcome = await db.SaveAsync(
            ModelState,
            Note,
            SignInput,
            saved =>
            {
                saved.Sign(User.UserId()!, findings, reason, needsCosign, clock.UtcNow());
                return Task.CompletedTask;
            },
            async () => await LoadAsync(id) ? Note : null,
            saved => new SignInputModel { Version = saved.Version, LanguageOverrideReason = reason },
            prefix: nameof(SignInput),
            actsOnWhatWasRead: true,
            refused: ex =>
            {
                var onReason = ex.Field == nameof(ProgressNote.LanguageOverrideReason);
                ModelState.AddRuleError(ex, onReason ? nameof(SignInput) : nameof(Input));
                SignProblem = onReason
                    ? "The note is not signed: it uses language that must be changed, or explained below."
                    : $"The note is not signed: {ex.Message} The message is also next to the field. Save the draft, then sign.";
            });
        if (!outcome.Saved)
        {
            if (outcome.Conflicts.Count == 0)
            {
                return Page();
            }

            if (Locked != Lock.None)
            {
                return LockedPage();
            }

            // Signing applies to the draft as read: the form now shows it as saved, to be read before signing.
            Conflicts = outcome.Conflicts;
            ShowSaved();
            SignInput.LanguageOverrideReason = reason;
            Findings = await CheckSavedAsync();
            SignProblem = "The note is not signed: the draft was saved again after you opened this page (perhaps in another tab). "
                + "The form now shows it as saved. Read it, then sign again.";
            return Page();
        }

        await LanguageUse.SettleAsync(db, Note, findings, clock.UtcNow());
        TempData["Status"] = Note.Status == NoteStatus.CosignPending
            ? "The note is signed and locked. It now waits for your supervisor's co-signature."
            : "The note is signed and locked. Changes from now on are made with an amendment.";
        return RedirectToPage("Details", new { id });
    }

    private void ShowSaved()
    {
        Input.CopyFrom(Note, Goals);
        Input.Version = Note.Version;
        SignInput.Version = Note.Version;
    }

    private async Task<IReadOnlyList<LanguageFinding>> CheckSavedAsync() => (await db.LanguageCheckAsync()).Check(Note.CheckedTexts());

    private async Task<IActionResult> TypedPageAsync()
    {
        Findings = (await db.LanguageCheckAsync()).Check(Input.CheckedTexts());
        return Page();
    }

    /// A refusal says why and shows no form. Another person's draft answers 403; a signed note is a normal state
    /// of the record, so the page shows where changes go now.
    private PageResult LockedPage()
    {
        ModelState.Clear();
        var page = Page();
        if (Locked == Lock.NotAuthor)
        {
            page.StatusCode = StatusCodes.Status403Forbidden;
        }

        return page;
    }

    /// Each form posts only its own model; whatever else arrived (a forged field, the other form's keys) is ignored.
    private void KeepStateOf(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var visible = await db.FindVisibleNoteAsync(User, id);
        if (visible is null)
        {
            return false;
        }

        Note = visible.Note;
        Locked = Note.AuthorId != User.UserId() ? Lock.NotAuthor : Note.Status != NoteStatus.Draft ? Lock.AlreadySigned : Lock.None;
        var names = await db.StaffNamesAsync([Note.AuthorId, Note.ReturnedById]);
        AuthorName = names.GetValueOrDefault(Note.AuthorId, "another staff member");
        ReturnedByName = Note.ReturnedById is { } returnedBy ? names.GetValueOrDefault(returnedBy) : null;
        PreferredName = visible.ResidentVisible
            ? await db.Residents.Where(r => r.Id == Note.ResidentId).Select(r => r.PreferredName).SingleAsync()
            : string.Empty;
        Goals = Locked == Lock.None ? await db.ActiveGoalsAsync(Note.ResidentId) : [];
        LexiconJson = Locked == Lock.None ? await NoteForms.LexiconJsonAsync(db) : "[]";
        return true;
    }

    public sealed class InputModel : NoteFormInput, IVersionedInput
    {
        public long Version { get; set; }

        public static InputModel From(ProgressNote note, IReadOnlyList<PlanGoal> goals)
        {
            var input = new InputModel { Version = note.Version };
            input.CopyFrom(note, goals);
            return input;
        }
    }

    public sealed class SignInputModel : IVersionedInput
    {
        [StringLength(ProgressNote.MaxLength.Reason, ErrorMessage = "Use at most {1} characters for the reason.")]
        [MultiLine]
        [Display(Name = "Why this language is needed")]
        public string? LanguageOverrideReason { get; set; }

        [Required(ErrorMessage = "The page was missing the note's version. Reload the page, read the note, then sign again.")]
        public long? Version { get; set; }

        // Checked for presence above (Required); the edit cycle compares it with the note's.
        long IVersionedInput.Version
        {
            get => Version ?? -1;
            set => Version = value;
        }
    }
}
