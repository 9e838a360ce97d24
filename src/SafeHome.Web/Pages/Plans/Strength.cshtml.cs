using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

/// Adds, edits or removes one strength of a draft plan version. Removing is allowed because a draft is still being
/// written; the audit trail keeps what it said, and approved versions keep their strengths for good.
public sealed class StrengthModel(SafeHomeDbContext db) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ServicePlan Plan { get; private set; } = null!;

    public string PreferredName { get; private set; } = string.Empty;

    /// The strength being edited; null when adding one.
    public PlanStrength? Strength { get; private set; }

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? strengthId)
    {
        if (!await LoadAsync(id, strengthId))
        {
            return NotFound();
        }

        Input = Strength is null ? new InputModel() : InputModel.From(Strength);
        Input.Version = Plan.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? strengthId)
    {
        if (!await LoadAsync(id, strengthId))
        {
            return NotFound();
        }

        if (!ModelState.GoesOnToSave(Plan))
        {
            return Page();
        }

        var outcome = await db.SavePlanAsync(
            ModelState,
            Plan,
            Input,
            plan =>
            {
                if (strengthId is { } existing)
                {
                    plan.UpdateStrength(existing, Input.Source, Input.Text ?? string.Empty);
                }
                else
                {
                    plan.AddStrength(Input.Source, Input.Text ?? string.Empty);
                }
            },
            async () => await LoadAsync(id, strengthId) ? Plan : null,
            strengthId is null ? null : _ => InputModel.From(Strength!));
        return Saved(outcome, strengthId is null ? "The strength is added." : "The strength is saved.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid? strengthId)
    {
        if (!await LoadAsync(id, strengthId) || Strength is null)
        {
            return NotFound();
        }

        // Remove posts only the version; the edit form shows the strength as saved.
        var version = Input.Version;
        ModelState.Clear();
        Input = InputModel.From(Strength);
        Input.Version = version;
        var removed = Strength.Id;
        var outcome = await db.SavePlanAsync(
            ModelState,
            Plan,
            Input,
            plan => plan.RemoveStrength(removed),
            async () => await LoadAsync(id, strengthId) ? Plan : null);
        if (!outcome.Saved && Strength is not null)
        {
            // Removing acts on the strength as it was read: the form now shows it as saved, to be read again.
            Input = InputModel.From(Strength);
            Input.Version = Plan.Version;
        }

        return Saved(outcome, "The strength is removed.");
    }

    private IActionResult Saved(EditOutcome outcome, string status)
    {
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            return Page();
        }

        TempData["Status"] = status;
        return RedirectToPage("Details", null, new { id = Plan.Id }, "strengths");
    }

    private async Task<bool> LoadAsync(Guid id, Guid? strengthId)
    {
        var plan = await db.FindVisiblePlanAsync(User, id);
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        Strength = null;
        if (strengthId is { } wanted)
        {
            Strength = plan.Strengths.FirstOrDefault(s => s.Id == wanted);
            if (Strength is null)
            {
                return false;
            }
        }

        PreferredName = await db.Residents.Where(r => r.Id == plan.ResidentId).Select(r => r.PreferredName).SingleAsync();
        return true;
    }

    public sealed class InputModel : IVersionedInput
    {
        [EnumDataType(typeof(StrengthSource))]
        [Display(Name = "Who named it")]
        public StrengthSource Source { get; set; }

        [Required(ErrorMessage = "Describe the strength.")]
        [StringLength(PlanStrength.TextMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Strength")]
        public string? Text { get; set; }

        public long Version { get; set; }

        public static InputModel From(PlanStrength strength)
        {
            ArgumentNullException.ThrowIfNull(strength);
            return new InputModel { Source = strength.Source, Text = strength.Text };
        }
    }
}
