using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

/// The youth's own copy of one version: in their words and their name, readable on paper, without the record's
/// internals (ids, legal name, staff-only notes, discontinued items and their reasons).
public sealed class PrintModel(SafeHomeDbContext db, TimeProvider clock, AuditLog audit) : PageModel
{
    public ServicePlan Plan { get; private set; } = null!;

    public string PreferredName { get; private set; } = string.Empty;

    public IEnumerable<PlanStrength> Strengths => Plan.Strengths.OrderBy(s => s.Source).ThenBy(s => s.SortOrder);

    public IEnumerable<PlanGoal> Goals =>
        Plan.Goals.Where(g => g.Status != GoalStatus.Discontinued).OrderBy(g => g.Domain).ThenBy(g => g.SortOrder);

    public static IEnumerable<PlanObjective> ObjectivesOf(PlanGoal goal) =>
        goal.Objectives.Where(o => o.Status != GoalStatus.Discontinued).OrderBy(o => o.SortOrder);

    public static IEnumerable<PlanIntervention> InterventionsOf(PlanObjective objective) =>
        objective.Interventions.Where(i => !i.IsDiscontinued).OrderBy(i => i.SortOrder);

    /// One line per signer the plan asks for: the current signature, or an empty line to sign on paper.
    public IReadOnlyList<(string Role, PlanSignature? Signature)> SignatureLines
    {
        get
        {
            var current = Plan.CurrentSignatures.ToList();
            var external = current.FirstOrDefault(s => s.Role is SignerRole.Guardian or SignerRole.PlacingCaseworker);
            return
            [
                ("Youth", current.FirstOrDefault(s => s.Role == SignerRole.Youth)),
                ("Counselor", current.FirstOrDefault(s => s.Role == SignerRole.Counselor)),
                (external is null ? "Parent, guardian or placing caseworker" : external.Role.Display(), external),
            ];
        }
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var plan = await db.FindVisiblePlanAsync(User, id);
        if (plan is null)
        {
            return NotFound();
        }

        Plan = plan;
        (PreferredName, _) = await PlanFlow.YouthAsync(db, plan, clock.Today());
        await audit.RecordForResidentAsync(AuditActions.View, nameof(ServicePlan), id.ToString(), plan.ResidentId);
        return Page();
    }
}
