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
    public IReadOnlyList<ConflictField>? Conflicts { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? goalId)
    {
        if (!await LoadAsync(id, goalId))
        {
            return NotFound();
        }

        if (Goal is not null)
        {
            Input.CopyFrom(Goal);
        }

        Input.Version = Plan.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? goalId)
    {
        if (!await LoadAsync(id, goalId))
        {
            return NotFound();
        }

        // A version that can no longer change is refused by the domain, whatever was typed.
        if (Plan.IsEditable && !ModelState.IsValid)
        {
            return Page();
        }

        var details = Input.ToDetails();
        var goal = Goal;
        return await SaveAsync(
            id,
            goalId,
            () => goal is null ? Plan.AddGoal(details) : Update(goal, details),
            goal is null ? "The goal is added." : "The goal is saved.",
            compareFields: goal is not null);
    }

    public async Task<IActionResult> OnPostDiscontinueAsync(Guid id, Guid? goalId)
    {
        if (!await LoadAsync(id, goalId) || Goal is null)
        {
            return NotFound();
        }

        KeepOnlyPosted(nameof(InputModel.DiscontinuedReason));
        if (Plan.IsEditable && !ModelState.IsValid)
        {
            return Page();
        }

        var goal = Goal;
        return await SaveAsync(
            id,
            goalId,
            () =>
            {
                Plan.DiscontinueGoal(goal.Id, Input.DiscontinuedReason ?? string.Empty);
                return goal;
            },
            "The goal is discontinued. It stays in the plan with its reason.",
            compareFields: false);
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
        return await SaveAsync(
            id,
            goalId,
            () =>
            {
                MoveAmongItsDomain(goal, direction);
                return goal;
            },
            "The order of the goals is saved.",
            compareFields: false);
    }

    private PlanGoal Update(PlanGoal goal, GoalDetails details)
    {
        Plan.UpdateGoal(goal.Id, details);
        return goal;
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

    private async Task<IActionResult> SaveAsync(Guid id, Guid? goalId, Func<PlanGoal> change, string status, bool compareFields)
    {
        db.ExpectAndBumpVersion(Plan, Input.Version);
        PlanGoal saved;
        try
        {
            saved = change();
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
            if (!await LoadAsync(id, goalId))
            {
                return NotFound();
            }

            Conflicts = [];
            if (Goal is not null)
            {
                var current = new InputModel();
                current.CopyFrom(Goal);
                if (compareFields)
                {
                    current.Version = Input.Version;
                    current.DiscontinuedReason = Input.DiscontinuedReason;
                    Conflicts = ConcurrencyConflict.Compare(current, Input);
                }
                else
                {
                    // Only the reason was typed; the rest of the form shows the goal as it is saved now.
                    current.DiscontinuedReason = Input.DiscontinuedReason;
                    Input = current;
                }
            }

            ModelState.Remove("Input.Version");
            Input.Version = Plan.Version;
            return Page();
        }

        TempData["Status"] = status;
        return RedirectToPage("Details", null, new { id }, $"goal-{saved.LineageId}");
    }

    /// Discontinue and move post only the version (and the reason): the rest of the form shows the saved goal.
    private void KeepOnlyPosted(string? field)
    {
        foreach (var key in ModelState.Keys.Where(k => field is null || k != $"Input.{field}").ToList())
        {
            ModelState.Remove(key);
        }

        var (reason, version) = (Input.DiscontinuedReason, Input.Version);
        Input.CopyFrom(Goal!);
        Input.DiscontinuedReason = reason;
        Input.Version = version;
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

    public sealed class InputModel
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

        public void CopyFrom(PlanGoal goal)
        {
            ArgumentNullException.ThrowIfNull(goal);
            Domain = goal.Domain;
            YouthStatement = goal.YouthStatement;
            SmartStatement = goal.SmartStatement;
            Priority = goal.Priority;
            TargetOn = goal.TargetOn;
            Status = goal.Status;
            GasWeight = goal.GasWeight;
            GasMuchLess = goal.GasMuchLess;
            GasLess = goal.GasLess;
            GasExpected = goal.GasExpected;
            GasMore = goal.GasMore;
            GasMuchMore = goal.GasMuchMore;
        }
    }
}
