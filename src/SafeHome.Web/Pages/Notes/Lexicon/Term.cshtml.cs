using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Notes;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Notes.Lexicon;

/// Adds a term, or edits one named by the termId query value. Terms are retired rather than deleted, so the findings
/// stored with signed notes keep pointing at a term that still explains itself.
public sealed class TermModel(SafeHomeDbContext db) : PageModel
{
    private const string Duplicate = "This term is already in the guidance (letter case and spacing do not count). Edit that entry instead.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// The term being edited; null when adding one.
    public LexiconTerm? Existing { get; private set; }

    public IReadOnlyList<ConflictField>? Conflicts { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? termId)
    {
        if (!await LoadAsync(termId))
        {
            return NotFound();
        }

        if (Existing is not null)
        {
            Input = InputModel.From(Existing);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? termId)
    {
        if (!await LoadAsync(termId))
        {
            return NotFound();
        }

        // The binder's own message for a value outside the list ("The value '42' is invalid.") says nothing useful.
        if (ModelState.TryGetValue("Input.Severity", out var severity) && severity.Errors.Count > 0 && severity.AttemptedValue is { Length: > 0 } && Input.Severity is null)
        {
            severity.Errors.Clear();
            ModelState.AddModelError("Input.Severity", "Choose a severity from the list.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var term = Input.Term ?? string.Empty;
        if (await IsDuplicateAsync(term, termId))
        {
            ModelState.AddModelError("Input.Term", Duplicate);
            return Page();
        }

        try
        {
            if (Existing is null)
            {
                db.LexiconTerms.Add(new LexiconTerm(term, Input.Preferred ?? string.Empty, Input.Explanation ?? string.Empty, Input.Severity!.Value));
                await db.SaveChangesAsync();
            }
            else
            {
                var outcome = await db.SaveAsync(
                    ModelState,
                    Existing,
                    Input,
                    saved =>
                    {
                        saved.Update(term, Input.Preferred ?? string.Empty, Input.Explanation ?? string.Empty, Input.Severity!.Value, Input.IsActive);
                        return Task.CompletedTask;
                    },
                    async () => await LoadAsync(termId) ? Existing : null,
                    InputModel.From);
                if (!outcome.Saved)
                {
                    Conflicts = outcome.Conflicts;
                    return Page();
                }
            }
        }
        catch (DomainRuleException ex)
        {
            ModelState.AddRuleError(ex);
            return Page();
        }
        catch (DbUpdateException)
        {
            // Someone added the same term between the check above and this save, and the unique index refused it.
            db.ChangeTracker.Clear();
            if (!await IsDuplicateAsync(term, termId))
            {
                throw;
            }

            ModelState.AddModelError("Input.Term", Duplicate);
            return Page();
        }

        TempData["Status"] = Existing is null ? "The term is added." : "The term is saved.";
        return RedirectToPage("Index");
    }

    private async Task<bool> IsDuplicateAsync(string term, Guid? termId)
    {
        var normalized = LexiconTerm.Normalize(term);
        return await db.LexiconTerms.AnyAsync(t => t.NormalizedTerm == normalized && t.Id != termId);
    }

    private async Task<bool> LoadAsync(Guid? termId)
    {
        Existing = termId is { } id ? await db.LexiconTerms.FirstOrDefaultAsync(t => t.Id == id) : null;
        return termId is null || Existing is not null;
    }

    public sealed class InputModel : IVersionedInput
    {
        [Required(ErrorMessage = "Enter the word or phrase to flag.")]
        [StringLength(LexiconTerm.MaxLength.Term, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Term")]
        public string? Term { get; set; }

        [Required(ErrorMessage = "Choose how firmly the term is flagged.")]
        [EnumDataType(typeof(LexiconSeverity), ErrorMessage = "Choose a severity from the list.")]
        [Display(Name = "Severity")]
        public LexiconSeverity? Severity { get; set; }

        [Required(ErrorMessage = "Enter what to write instead.")]
        [StringLength(LexiconTerm.MaxLength.Preferred, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Write instead")]
        public string? Preferred { get; set; }

        [Required(ErrorMessage = "Explain why the term is flagged, so writers learn the reason.")]
        [StringLength(LexiconTerm.MaxLength.Explanation, ErrorMessage = "Use at most {1} characters.")]
        [MultiLine]
        [Display(Name = "Why")]
        public string? Explanation { get; set; }

        [Display(Name = "In use")]
        public bool IsActive { get; set; } = true;

        public long Version { get; set; }

        public static InputModel From(LexiconTerm term)
        {
            ArgumentNullException.ThrowIfNull(term);
            return new InputModel
            {
                Term = term.Term,
                Severity = term.Severity,
                Preferred = term.Preferred,
                Explanation = term.Explanation,
                IsActive = term.IsActive,
                Version = term.Version,
            };
        }
    }
}
