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

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input = InputModel.From(Plan);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
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
            plan => plan.UpdateOverview(Input.YouthVision, Input.StageOfChange, Input.EffectiveOn, Input.TargetOn),
            async () => await LoadAsync(id) ? Plan : null,
            InputModel.From);
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
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

    public sealed class InputModel : IVersionedInput
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

        public static InputModel From(ServicePlan plan)
        {
            ArgumentNullException.ThrowIfNull(plan);
            return new InputModel
            {
                YouthVision = plan.YouthVision,
                StageOfChange = plan.StageOfChange,
                EffectiveOn = plan.EffectiveOn,
                TargetOn = plan.TargetOn,
                Version = plan.Version,
            };
        }
    }
}
