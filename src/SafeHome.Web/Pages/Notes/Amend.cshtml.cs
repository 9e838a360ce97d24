using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Notes;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Pages.Plans;

namespace SafeHome.Web.Pages.Notes;

/// The author's change to a signed note (DOMAIN.md §6A step 5): an addendum, a correction of one part, a late entry
/// or entered in error. The note's own text never changes, and the entry time is always now: the form has no field
/// for it, so nothing can be backdated.
public sealed class AmendModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ProgressNote Note { get; private set; } = null!;

    public DateOnly Today => clock.Today();

    public string ServiceStart => DetailsModel.LocalTime(clock, Note.ServiceStartUtc);

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    /// Why this note cannot be amended at all, shown instead of the form.
    public string? Refusal => Note switch
    {
        { Status: NoteStatus.Draft } => "This note is still a draft, so there is nothing to amend: edit the draft instead.",
        { IsEnteredInError: true } => "This note was marked entered in error and cannot be amended.",
        _ => null,
    };

    /// Each correctable part with the text a reader sees now: the latest correction where there is one.
    public IEnumerable<NotePart> CurrentParts =>
        DetailsModel.PartsOf(Note).Select(p => p with { Text = Note.LatestCorrectionOf(p.Key)?.Text ?? p.Text });

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }

        Input.Version = Note.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }

        if (Refusal is { } refusal)
        {
            ModelState.AddModelError(string.Empty, refusal);
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var kind = Input.Kind ?? AmendmentKind.Addendum;
        var request = new AmendmentRequest(kind, Input.Reason, Input.Text, Input.Section, Input.ServiceOn);
        var outcome = await db.SaveAsync(
            ModelState,
            Note,
            Input,
            saved =>
            {
                saved.Amend(User.UserId() ?? string.Empty, request, clock.Today(), clock.UtcNow());
                return Task.CompletedTask;
            },
            async () => await LoadAsync(id) is null ? Note : null,
            saved => new InputModel { Version = saved.Version },
            actsOnWhatWasRead: true,
            refused: ex => ModelState.AddRuleErrorFor<InputModel>(ex));
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            return Page();
        }

        TempData["Status"] = $"The {kind.Display().ToLowerInvariant()} is added to the note.";
        return RedirectToPage("Details", new { id });
    }

    /// Null when the user may amend this note; otherwise the answer: 404 outside what they may see, 403 for anyone
    /// who sees it but did not write it.
    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var visible = await db.FindVisibleNoteAsync(User, id);
        if (visible is null)
        {
            return NotFound();
        }

        Note = visible.Note;
        return Note.AuthorId == User.UserId() && visible.CanReadContent ? null : Forbid();
    }

    public sealed class InputModel : IVersionedInput
    {
        private const string TooLong = "Use at most {1} characters here; the text is longer. Shorten it, or add a second amendment. Nothing was saved.";

        [Required(ErrorMessage = "Choose the kind of amendment.")]
        [EnumDataType(typeof(AmendmentKind), ErrorMessage = "Choose a kind of amendment from the list.")]
        [Display(Name = "Kind of amendment")]
        public AmendmentKind? Kind { get; set; }

        [StringLength(NoteAmendment.MaxLength.Section, ErrorMessage = "Choose a part of this note from the list.")]
        [SingleLine]
        [Display(Name = "Part corrected (corrections only)")]
        public string? Section { get; set; }

        [Display(Name = "Day the late entry is about (late entries only)")]
        public DateOnly? ServiceOn { get; set; }

        [StringLength(NoteAmendment.MaxLength.Reason, ErrorMessage = TooLong)]
        [SingleLine]
        [Display(Name = "Reason (required for a correction and for entered in error)")]
        public string? Reason { get; set; }

        [StringLength(NoteAmendment.MaxLength.Text, ErrorMessage = TooLong)]
        [MultiLine]
        [Display(Name = "Text")]
        public string? Text { get; set; }

        public long Version { get; set; }
    }
}
