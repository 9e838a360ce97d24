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

    public IReadOnlyList<ConflictField>? Conflicts { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? strengthId)
    {
        if (!await LoadAsync(id, strengthId))
        {
            return NotFound();
        }

        if (Strength is not null)
        {
            Input.CopyFrom(Strength);
        }

        Input.Version = Plan.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? strengthId)
    {
        if (!await LoadAsync(id, strengthId))
        {
            return NotFound();
        }

        // A version that can no longer change is refused by the domain, whatever was typed.
        if (Plan.IsEditable && !ModelState.IsValid)
        {
            return Page();
        }

        var strength = Strength;
        return await SaveAsync(
            id,
            strengthId,
            () =>
            {
                if (strength is null)
                {
                    Plan.AddStrength(Input.Source, Input.Text ?? string.Empty);
                }
                else
                {
                    Plan.UpdateStrength(strength.Id, Input.Source, Input.Text ?? string.Empty);
                }
            },
            strength is null ? "The strength is added." : "The strength is saved.",
            compareFields: strength is not null);
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
        Input.CopyFrom(Strength);
        Input.Version = version;
        var strength = Strength;
        return await SaveAsync(id, strengthId, () => Plan.RemoveStrength(strength.Id), "The strength is removed.", compareFields: false);
    }

    private async Task<IActionResult> SaveAsync(Guid id, Guid? strengthId, Action change, string status, bool compareFields)
    {
        db.ExpectAndBumpVersion(Plan, Input.Version);
        try
        {
            change();
            await db.SaveChangesAsync();
        }
        catch (DomainRuleException ex)
        {
            ModelState.AddModelError(ex.Field.Length == 0 ? string.Empty : $"Input.{ex.Field}", ex.Message);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            if (!await LoadAsync(id, strengthId))
            {
                // Someone else removed the strength meanwhile: there is nothing left to edit.
                return NotFound();
            }

            Conflicts = [];
            if (Strength is not null)
            {
                var current = new InputModel { Version = Input.Version };
                current.CopyFrom(Strength);
                if (compareFields)
                {
                    Conflicts = ConcurrencyConflict.Compare(current, Input);
                }
                else
                {
                    Input = current;
                }
            }

            ModelState.Remove("Input.Version");
            Input.Version = Plan.Version;
            return Page();
        }

        TempData["Status"] = status;
        return RedirectToPage("Details", null, new { id }, "strengths");
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

    public sealed class InputModel
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

        public void CopyFrom(PlanStrength strength)
        {
            ArgumentNullException.ThrowIfNull(strength);
            Source = strength.Source;
            Text = strength.Text;
        }
    }
}
