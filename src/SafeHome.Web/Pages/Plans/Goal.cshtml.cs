using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

/// Adds a goal to a plan version or edits one (DOMAIN.md §3 PlanDomain → Goal), with its optional goal
/// attainment scale; discontinues a goal with a reason, and moves it among the goals of its domain.
public sealed class GoalModel(SafeHomeDbContext db) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ServicePlan Plan { get; private set; } = null!;

    public string PreferredName { get; private set; } = string.Empty;

    /// The goal being edited; null when adding one.
    public PlanGoal? Goal { get; private set; }

    /// Set after a conflicting save: what differs between the saved goal and the typing (empty when adding).
    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? goalId)
    {
        if (!await LoadAsync(id, goalId))
        {
            return NotFound();
        }

        Input = Goal is null ? new InputModel { Version = Plan.Version } : InputModel.From(Goal, Plan.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? goalId)
    {
        if (!await LoadAsync(id, goalId))
        {
            return NotFound();
        }

        if (!ModelState.GoesOnToSave(Plan))
        {
            return Page();
        }

        var details = Input.ToDetails();
        PlanGoal? saved = null;
        var outcome = await db.SavePlanAsync(
            ModelState,
            Plan,
            Input,
            plan => saved = goalId is { } existing ? Update(plan, existing, details) : plan.AddGoal(details),
            async () => await LoadAsync(id, goalId) ? Plan : null,
            goalId is null ? null : _ => SavedAsTyped());
        return Saved(outcome, saved, goalId is null ? "The goal is added." : "The goal is saved.");
    }

    public async Task<IActionResult> OnPostDiscontinueAsync(Guid id, Guid? goalId)
    {
        if (!await LoadAsync(id, goalId) || Goal is null)
        {
            return NotFound();
        }

        KeepOnlyPosted(nameof(InputModel.DiscontinuedReason));
        if (!ModelState.GoesOnToSave(Plan))
        {
            return Page();
        }

        var goal = Goal;
        var outcome = await db.SavePlanAsync(
            ModelState,
            Plan,
            Input,
            plan => plan.DiscontinueGoal(goal.Id, Input.DiscontinuedReason ?? string.Empty),
            async () => await LoadAsync(id, goalId) ? Plan : null);
        return Saved(outcome, goal, "The goal is discontinued. It stays in the plan with its reason.");
    }

    public Task<IActionResult> OnPostMoveUpAsync(Guid id, Guid? goalId) => MoveAsync(id, goalId, -1);

    public Task<IActionResult> OnPostMoveDownAsync(Guid id, Guid? goalId) => MoveAsync(id, goalId, 1);

    private async Task<IActionResult> MoveAsync(Guid id, Guid? goalId, int direction)
    {
        if (!await LoadAsync(id, goalId) || Goal is null)
        {
            return NotFound();
        }

        KeepOnlyPosted(null);
        var goal = Goal;
        var outcome = await db.SavePlanAsync(
            ModelState,
            Plan,
            Input,
            _ => MoveAmongItsDomain(goal, direction),
            async () => await LoadAsync(id, goalId) ? Plan : null);
        return Saved(outcome, goal, "The order of the goals is saved.");
    }

    private static PlanGoal Update(ServicePlan plan, Guid goalId, GoalDetails details)
    {
        plan.UpdateGoal(goalId, details);
        return plan.Goals.First(g => g.Id == goalId);
    }

    /// The plan page shows goals grouped by domain, so "up" means past the previous goal of the same domain. The
    /// domain swaps neighbours in the plan's overall order; repeat until the goal has passed that one.
    private void MoveAmongItsDomain(PlanGoal goal, int direction)
    {
        var siblings = Plan.Goals.Where(g => g.Domain == goal.Domain).OrderBy(g => g.SortOrder).ToList();
        var target = siblings.IndexOf(goal) + direction;
        if (target < 0 || target >= siblings.Count)
        {
            // Nothing to pass; a move of zero still runs the version's rule, so a locked plan says why.
            Plan.MoveGoal(goal.Id, 0);
            return;
        }

        var other = siblings[target];
        while (direction < 0 ? goal.SortOrder > other.SortOrder : goal.SortOrder < other.SortOrder)
        {
            Plan.MoveGoal(goal.Id, direction);
        }
    }

    /// The goal as saved now, in the form's shape, beside what was typed (the reason is not part of the goal).
    private InputModel SavedAsTyped()
    {
        var current = InputModel.From(Goal!, Plan.Version);
        current.DiscontinuedReason = Input.DiscontinuedReason;
        return current;
    }

    private IActionResult Saved(EditOutcome outcome, PlanGoal? goal, string status)
    {
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            if (Conflicts.Count > 0 && Goal is not null && !ModelState.ContainsKey("Input.YouthStatement"))
            {
                // Discontinue and move posted only the version (and the reason): the form shows the goal as saved now.
                Input = SavedAsTyped();
            }

            return Page();
        }

        TempData["Status"] = status;
        return RedirectToPage("Details", null, new { id = Plan.Id }, $"goal-{goal!.LineageId}");
    }

    /// Discontinue and move post only the version (and the reason): the rest of the form shows the saved goal.
    private void KeepOnlyPosted(string? field)
    {
        foreach (var key in ModelState.Keys.Where(k => field is null || k != $"Input.{field}").ToList())
        {
            ModelState.Remove(key);
        }

        var (reason, version) = (Input.DiscontinuedReason, Input.Version);
        Input = InputModel.From(Goal!, version);
        Input.DiscontinuedReason = reason;
    }

    private async Task<bool> LoadAsync(Guid id, Guid? goalId)
    {
        var plan = await db.FindVisiblePlanAsync(User, id);
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        Goal = null;
        if (goalId is { } wanted)
        {
            Goal = plan.Goals.FirstOrDefault(g => g.Id == wanted);
            if (Goal is null)
            {
                return false;
            }
        }

        PreferredName = await db.Residents.Where(r => r.Id == plan.ResidentId).Select(r => r.PreferredName).SingleAsync();
        return true;
    }

    public sealed class InputModel : IVersionedInput
    {
        [Required(ErrorMessage = "Choose the life area this goal belongs to.")]
        [EnumDataType(typeof(PlanDomain))]
        [Display(Name = "Domain")]
        public PlanDomain? Domain { get; set; }

        [Required(ErrorMessage = "Write the goal in the youth's own words.")]
        [StringLength(PlanGoal.MaxLength.Statement, ErrorMessage = "Use at most {1} characters.")]
        [MultiLine]
        [Display(Name = "The goal in the youth's own words")]
        public string? YouthStatement { get; set; }

        [StringLength(PlanGoal.MaxLength.Statement, ErrorMessage = "Use at most {1} characters.")]
        [MultiLine]
        [Display(Name = "SMART restatement")]
        public string? SmartStatement { get; set; }

        [EnumDataType(typeof(GoalPriority))]
        public GoalPriority Priority { get; set; } = GoalPriority.Medium;

        [Display(Name = "Target date")]
        public DateOnly? TargetOn { get; set; }

        [EnumDataType(typeof(GoalStatus))]
        public GoalStatus Status { get; set; } = GoalStatus.NotStarted;

        [Range(1, 9, ErrorMessage = "The weight is a whole number from 1 to 9 (importance × difficulty).")]
        [Display(Name = "Scale weight")]
        public int? GasWeight { get; set; }

        [StringLength(PlanGoal.MaxLength.GasDescriptor, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "−2 much less than expected")]
        public string? GasMuchLess { get; set; }

        [StringLength(PlanGoal.MaxLength.GasDescriptor, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "−1 less than expected")]
        public string? GasLess { get; set; }

        [StringLength(PlanGoal.MaxLength.GasDescriptor, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "0 as expected")]
        public string? GasExpected { get; set; }

        [StringLength(PlanGoal.MaxLength.GasDescriptor, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "+1 more than expected")]
        public string? GasMore { get; set; }

        [StringLength(PlanGoal.MaxLength.GasDescriptor, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "+2 much more than expected")]
        public string? GasMuchMore { get; set; }

        [StringLength(PlanGoal.MaxLength.Reason, ErrorMessage = "Use at most {1} characters.")]
        [MultiLine]
        [Display(Name = "Why is the goal discontinued?")]
        public string? DiscontinuedReason { get; set; }

        public long Version { get; set; }

        public GoalDetails ToDetails() => new(
            Domain ?? PlanDomain.Safety, YouthStatement ?? string.Empty, SmartStatement, Priority, TargetOn, Status,
            GasWeight, GasMuchLess, GasLess, GasExpected, GasMore, GasMuchMore);

        public static InputModel From(PlanGoal goal, long version)
        {
            ArgumentNullException.ThrowIfNull(goal);
            return new InputModel
            {
                Domain = goal.Domain,
                YouthStatement = goal.YouthStatement,
                SmartStatement = goal.SmartStatement,
                Priority = goal.Priority,
                TargetOn = goal.TargetOn,
                Status = goal.Status,
                GasWeight = goal.GasWeight,
                GasMuchLess = goal.GasMuchLess,
                GasLess = goal.GasLess,
                GasExpected = goal.GasExpected,
                GasMore = goal.GasMore,
                GasMuchMore = goal.GasMuchMore,
                Version = version,
            };
        }
    }
}
