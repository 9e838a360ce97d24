using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

/// The parts of a plan version that are not goals: the youth's vision in their own words, the stage of change and
/// the dates the plan runs between.
public sealed class OverviewModel(SafeHomeDbContext db) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ServicePlan Plan { get; private set; } = null!;

    public string PreferredName { get; private set; } = string.Empty;

    public IReadOnlyList<ConflictField>? Conflicts { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input.CopyFrom(Plan);
        Input.Version = Plan.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        // A version that can no longer change is refused by the domain, whatever was typed.
        if (Plan.IsEditable && !ModelState.IsValid)
        {
            return Page();
        }

        db.ExpectAndBumpVersion(Plan, Input.Version);
        try
        {
            Plan.UpdateOverview(Input.YouthVision, Input.StageOfChange, Input.EffectiveOn, Input.TargetOn);
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
            if (!await LoadAsync(id))
            {
                return NotFound();
            }

            var current = new InputModel { Version = Input.Version };
            current.CopyFrom(Plan);
            Conflicts = ConcurrencyConflict.Compare(current, Input);
            ModelState.Remove("Input.Version");
            Input.Version = Plan.Version;
            return Page();
        }

        TempData["Status"] = "The plan overview is saved.";
        return RedirectToPage("Details", null, new { id }, "overview");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var plan = await db.FindVisiblePlanAsync(User, id);
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        PreferredName = await db.Residents.Where(r => r.Id == plan.ResidentId).Select(r => r.PreferredName).SingleAsync();
        return true;
    }

    public sealed class InputModel
    {
        [StringLength(ServicePlan.MaxLength.Vision, ErrorMessage = "Use at most {1} characters.")]
        [MultiLine]
        [Display(Name = "The youth's vision, in their own words")]
        public string? YouthVision { get; set; }

        [EnumDataType(typeof(StageOfChange))]
        [Display(Name = "Stage of change")]
        public StageOfChange StageOfChange { get; set; }

        [Display(Name = "Effective from")]
        public DateOnly? EffectiveOn { get; set; }

        [Display(Name = "Target date")]
        public DateOnly? TargetOn { get; set; }

        public long Version { get; set; }

        public void CopyFrom(ServicePlan plan)
        {
            ArgumentNullException.ThrowIfNull(plan);
            YouthVision = plan.YouthVision;
            StageOfChange = plan.StageOfChange;
            EffectiveOn = plan.EffectiveOn;
            TargetOn = plan.TargetOn;
        }
    }
}
