using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

/// The program director's decision on a version waiting for approval: approve it (it becomes the plan in force
/// and supersedes the one before) or return it to the counselor with comments.
public sealed class ApproveModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ServicePlan Plan { get; private set; } = null!;

    public string PreferredName { get; private set; } = string.Empty;

    /// The version in force now, which an approval supersedes.
    public ServicePlan? CurrentActive { get; private set; }

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input.Version = Plan.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        // The comments box belongs to Return; whatever it holds does not stop an approval.
        ModelState.Remove("Input.ReturnComments");
        return await DecideAsync(
            id,
            () => Plan.Approve(User.UserId() ?? string.Empty, CurrentActive, clock.Today(), clock.UtcNow()),
            CurrentActive is null ? "The plan is approved and in force." : $"The plan is approved and in force; version {CurrentActive.VersionNumber} is superseded.");
    }

    public async Task<IActionResult> OnPostReturnAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        return await DecideAsync(id, () => Plan.Return(Input.ReturnComments ?? string.Empty, clock.UtcNow()), "The plan is returned to the counselor with your comments.");
    }

    private async Task<IActionResult> DecideAsync(Guid id, Action decide, string done)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await db.SavePlanAsync(
            ModelState,
            Plan,
            Input,
            _ => decide(),
            async () => await LoadAsync(id) ? Plan : null,
            refused: ex => ModelState.AddRuleErrorFor<InputModel>(ex));
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            if (Conflicts.Count == 0)
            {
                // Refused by a rule: the page shows the plan as it is saved, not as the refused decision left it.
                db.ChangeTracker.Clear();
                await LoadAsync(id);
            }

            return Page();
        }

        TempData["Status"] = done;
        return RedirectToPage("Details", new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var plan = await db.FindVisiblePlanAsync(User, id);
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        (PreferredName, _) = await PlanFlow.YouthAsync(db, plan, clock.Today());
        CurrentActive = await db.ServicePlans.FirstOrDefaultAsync(p => p.ResidentId == plan.ResidentId && p.Status == PlanStatus.Active && p.Id != plan.Id);
        return true;
    }

    public sealed class InputModel : IVersionedInput
    {
        [StringLength(ServicePlan.MaxLength.Comments, ErrorMessage = "{0} can be at most {1} characters.")]
        [MultiLine]
        [Display(Name = "What the counselor should revise")]
        public string? ReturnComments { get; set; }

        public long Version { get; set; }
    }
}
