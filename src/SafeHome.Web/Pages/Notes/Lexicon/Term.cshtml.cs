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
public sealed class TermModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    /// How far back the usage figures reach: the last quarter, as a rolling window so the figures never reset to
    /// nothing on the first day of a quarter.
    public const int UsageDays = 91;
    private const string Duplicate = "This term is already in the guidance (letter case and spacing do not count). Edit that entry instead.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// The term being edited; null when adding one.
    public LexiconTerm? Existing { get; private set; }

    public IReadOnlyList<ConflictField>? Conflicts { get; private set; }

    /// Sample text to try the entry on, as typed; never stored.
    [BindProperty]
    [StringLength(NoteTextLimit, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Sample text")]
    public string? Sample { get; set; }

    /// What the entry, as typed on the form, flags in the sample; null until a preview is asked for.
    public IReadOnlyList<LanguageFinding>? Preview { get; private set; }

    public LexiconUsage? Usage { get; private set; }

    private const int NoteTextLimit = 20_000;

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

        await LoadUsageAsync();
        return Page();
    }

    /// Runs the entry as typed, saved or not, over the sample text, so a director sees what a change would flag
    /// before anyone's note is checked against it.
    public async Task<IActionResult> OnPostPreviewAsync(Guid? termId)
    {
        if (!await LoadAsync(termId))
        {
            return NotFound();
        }

        await LoadUsageAsync();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            Preview = new LanguageCheck([Input.NewTerm()]).Check(nameof(Sample), Sample);
        }
        catch (DomainRuleException ex)
        {
            ModelState.AddRuleError(ex);
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

        // The sample belongs to the preview; an over-long one must not stop a save.
        ModelState.Remove(nameof(Sample));
        await LoadUsageAsync();
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
                db.LexiconTerms.Add(Input.NewTerm());
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
                        saved.Update(term, Input.Preferred ?? string.Empty, Input.Explanation ?? string.Empty, Input.Severity!.Value, Input.IsActive, Input.Context(), Input.Source);
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

    public string Local(DateTime utc) => DetailsModel.LocalTime(clock, utc);

    /// The sample cut at the preview's findings, for marking them in place.
    public IEnumerable<(string Text, LanguageFinding? Finding)> PreviewParts()
    {
        var sample = Sample ?? string.Empty;
        var at = 0;
        foreach (var finding in Preview ?? [])
        {
            yield return (sample[at..finding.Index], null);
            yield return (finding.Matched, finding);
            at = finding.Index + finding.Matched.Length;
        }

        yield return (sample[at..], null);
    }

    private async Task LoadUsageAsync()
    {
        if (Existing is not null)
        {
            Usage = await LexiconUsage.OfAsync(db, Existing.Id, clock.GetUtcNow().UtcDateTime.AddDays(-UsageDays));
        }
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

        [StringLength(LexiconTerm.MaxLength.Source, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Source")]
        public string? Source { get; set; }

        [StringLength(LexiconContext.ListMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Irregular forms")]
        public string? OtherForms { get; set; }

        [StringLength(LexiconContext.ListMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Only right after")]
        public string? PrecededBy { get; set; }

        [StringLength(LexiconContext.ListMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Not right after")]
        public string? NotPrecededBy { get; set; }

        [StringLength(LexiconContext.ListMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Only when followed by")]
        public string? FollowedBy { get; set; }

        [Range(0, LexiconContext.MaxFollowedWithin, ErrorMessage = "Enter a whole number from {1} to {2}.")]
        [Display(Name = "Words allowed in between")]
        public int FollowedWithin { get; set; }

        [StringLength(LexiconContext.ListMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Not right before")]
        public string? NotFollowedBy { get; set; }

        [StringLength(LexiconContext.ListMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Only near")]
        public string? NearWords { get; set; }

        [Range(1, LexiconContext.MaxNearWithin, ErrorMessage = "Enter a whole number from {1} to {2}.")]
        [Display(Name = "Within words")]
        public int NearWithin { get; set; } = LexiconContext.DefaultNearWithin;

        [Display(Name = "Not as a person's name")]
        public bool SkipNames { get; set; }

        /// The entry as typed, checked by the entity's rules; the form's own checks have passed, so a severity is chosen.
        public LexiconTerm NewTerm() => new(Term ?? string.Empty, Preferred ?? string.Empty, Explanation ?? string.Empty, Severity!.Value, context: Context(), source: Source);

        public LexiconContext Context() => new(OtherForms, PrecededBy, NotPrecededBy, FollowedBy, FollowedWithin, NotFollowedBy, NearWords, NearWithin, SkipNames);

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
                Source = term.Source,
                OtherForms = term.OtherForms,
                PrecededBy = term.PrecededBy,
                NotPrecededBy = term.NotPrecededBy,
                FollowedBy = term.FollowedBy,
                FollowedWithin = term.FollowedWithin,
                NotFollowedBy = term.NotFollowedBy,
                NearWords = term.NearWords,
                NearWithin = term.NearWithin,
                SkipNames = term.SkipNames,
                Version = term.Version,
            };
        }
    }
}
