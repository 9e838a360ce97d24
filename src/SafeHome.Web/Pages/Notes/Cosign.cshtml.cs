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

/// The supervisor's decision on a note waiting for co-signature (DOMAIN.md §6A step 4): co-sign it, or return it to
/// the author as a draft with comments. Directors decide on any note; a counselor only on the notes of staff they
/// are the designated supervisor of. Nobody co-signs their own note.
public sealed class CosignModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ProgressNote Note { get; private set; } = null!;

    public bool CanReadContent { get; private set; }

    public string AuthorName { get; private set; } = string.Empty;

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    /// Why there is nothing to decide, shown instead of the forms. A co-signature vouches for the text, so a
    /// supervisor who may not read a sensitive note leaves it to a director.
    public string? Refusal =>
        !CanReadContent ? "This note is marked sensitive and its content is restricted to the resident's caseload, so you cannot co-sign or return it. A program director can."
        : Note.Status != NoteStatus.CosignPending ? $"This note is not waiting for a co-signature: it is {Note.Status.Display().ToLowerInvariant()}."
        : null;

    public string Local(DateTime utc) => DetailsModel.LocalTime(clock, utc);

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
        // The comments box belongs to Return; whatever it holds does not stop a co-signature.
        ModelState.Remove("Input.ReturnComments");
        return await DecideAsync(id, userId => Note.Cosign(userId, clock.UtcNow()), "The note is co-signed.");
    }

    public async Task<IActionResult> OnPostReturnAsync(Guid id) =>
        await DecideAsync(id, userId => Note.ReturnToAuthor(userId, Input.ReturnComments ?? string.Empty, clock.UtcNow()), "The note is returned to its author with your comments.");

    private async Task<IActionResult> DecideAsync(Guid id, Action<string> decide, string done)
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

        var outcome = await db.SaveAsync(
            ModelState,
            Note,
            Input,
            _ =>
            {
                decide(User.UserId() ?? string.Empty);
                return Task.CompletedTask;
            },
            async () => await LoadAsync(id) is null ? Note : null,
            saved => new InputModel { Version = saved.Version, ReturnComments = Input.ReturnComments },
            actsOnWhatWasRead: true,
            refused: ex => ModelState.AddRuleErrorFor<InputModel>(ex));
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            return Page();
        }

        TempData["Status"] = done;
        return RedirectToPage("Details", new { id });
    }

    /// Null when the user may decide on this note; otherwise 404 outside what they may see, 403 for anyone who sees
    /// it without the right to co-sign it (its author among them).
    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var visible = await db.FindVisibleNoteAsync(User, id);
        if (visible is null)
        {
            return NotFound();
        }

        Note = visible.Note;
        CanReadContent = visible.CanReadContent;
        if (!await db.CanCosignAsync(User, Note))
        {
            return Forbid();
        }

        AuthorName = (await db.StaffNamesAsync([Note.AuthorId])).GetValueOrDefault(Note.AuthorId, "(former staff)");
        return null;
    }

    public sealed class InputModel : IVersionedInput
    {
        [StringLength(ProgressNote.MaxLength.Comments, ErrorMessage = "Use at most {1} characters here; the comments are longer. Shorten them. Nothing was saved.")]
        [MultiLine]
        [Display(Name = "What the author should change")]
        public string? ReturnComments { get; set; }

        public long Version { get; set; }
    }
}
