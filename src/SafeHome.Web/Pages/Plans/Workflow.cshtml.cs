using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

/// Where one version stands in the ISP workflow (DOMAIN.md §6B), what it still needs, and the counselor's moves:
/// to the youth, to signatures, to the director.
public sealed class WorkflowModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ServicePlan Plan { get; private set; } = null!;

    public string PreferredName { get; private set; } = string.Empty;

    public int YouthAge { get; private set; }

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public IReadOnlyList<PlanStatus> NextSteps => PlanWorkflow.NextFrom(Plan.Status);

    /// What still stands between this version and the director, in the order the workflow asks for it.
    public IReadOnlyList<string> Missing
    {
        get
        {
            var missing = new List<string>();
            if (Plan.Meeting is null)
            {
                missing.Add("The planning meeting is not recorded yet.");
            }
            else if (YouthAge >= 14 && !Plan.Meeting.RightsAcknowledged)
            {
                missing.Add("The youth's acknowledgement of the rights list is not recorded at the planning meeting.");
            }

            if (!Plan.Goals.Any(g => g.Status != GoalStatus.Discontinued))
            {
                missing.Add("The plan has no goal yet.");
            }

            if (Plan.Status is PlanStatus.PendingSignatures)
            {
                missing.AddRange(Plan.MissingSignatures().Select(s => $"Signature still needed: {s}."));
            }

            return missing;
        }
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input.Version = Plan.Version;
        return Page();
    }

    public Task<IActionResult> OnPostSendToYouthAsync(Guid id) =>
        MoveAsync(id, plan => plan.SendToYouth(), "The plan is with the youth for review.");

    public Task<IActionResult> OnPostReadyForSignaturesAsync(Guid id) =>
        MoveAsync(id, plan => plan.ReadyForSignatures(YouthAge), "The plan is ready for signatures.");

    public Task<IActionResult> OnPostSubmitForApprovalAsync(Guid id) =>
        MoveAsync(id, plan => plan.SubmitForApproval(clock.Today()), "The plan is sent to the director for approval.");

    private async Task<IActionResult> MoveAsync(Guid id, Action<ServicePlan> move, string done)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var outcome = await db.SavePlanAsync(
            ModelState,
            Plan,
            Input,
            move,
            async () => await LoadAsync(id) ? Plan : null,
            refused: ex => ModelState.AddModelError(string.Empty, $"Nothing was changed: {ex.Message}"));
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            if (Conflicts.Count == 0)
            {
                // Refused by a rule: the page shows the plan as it is saved, not as the refused step left it.
                db.ChangeTracker.Clear();
                await LoadAsync(id);
            }

            return Page();
        }

        TempData["Status"] = done;
        return RedirectToPage("Workflow", new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var plan = await db.FindVisiblePlanAsync(User, id);
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        (PreferredName, YouthAge) = await PlanFlow.YouthAsync(db, plan, clock.Today());
        return true;
    }

    public sealed class InputModel : IVersionedInput
    {
        public long Version { get; set; }
    }
}

/// Small pieces the workflow pages share.
public static class PlanFlow
{
    /// The resident's preferred name and age today; the age decides the rights a youth of 14 or over has.
    public static async Task<(string PreferredName, int Age)> YouthAsync(SafeHomeDbContext db, ServicePlan plan, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plan);
        var youth = await db.Residents.Where(r => r.Id == plan.ResidentId).Select(r => new { r.PreferredName, r.DateOfBirth }).SingleAsync();
        return (youth.PreferredName, Ages.YearsOn(youth.DateOfBirth, today));
    }

    /// A rule about a field of the form is shown next to that field; any other (the plan's status, a role that
    /// already signed) at the top of the form, so no message is lost under a field that is not on the page.
    public static void AddRuleErrorFor<TInput>(this ModelStateDictionary modelState, DomainRuleException exception)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(exception);
        var onForm = exception.Field.Length > 0 && typeof(TInput).GetProperty(exception.Field) is not null;
        modelState.AddModelError(onForm ? $"Input.{exception.Field}" : string.Empty, exception.Message);
    }
}
