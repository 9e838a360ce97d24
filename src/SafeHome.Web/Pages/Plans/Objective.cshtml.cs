using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

/// Adds a measurable objective under a goal or edits one (DOMAIN.md §3 Objective); discontinues it with a reason
/// and moves it among the objectives of its goal.
public sealed class ObjectiveModel(SafeHomeDbContext db) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ServicePlan Plan { get; private set; } = null!;

    public string PreferredName { get; private set; } = string.Empty;

    /// The goal the objective belongs to (or is added under).
    public PlanGoal? Goal { get; private set; }

    /// The objective being edited; null when adding one.
    public PlanObjective? Objective { get; private set; }

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? goalId, Guid? objectiveId)
    {
        if (!await LoadAsync(id, goalId, objectiveId))
        {
            return NotFound();
        }

        if (Goal is null)
        {
            // Objectives are added from a goal on the plan page, which names it.
            return RedirectToPage("Details", new { id });
        }

        if (Objective is not null)
        {
            Input.CopyFrom(Objective);
        }

        Input.Version = Plan.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? goalId, Guid? objectiveId)
    {
        if (!await LoadAsync(id, goalId, objectiveId) || Goal is null)
        {
            return NotFound();
        }

        if (!ModelState.GoesOnToSave(Plan))
        {
            return Page();
        }

        var details = Input.ToDetails();
        var (goal, objective) = (Goal, Objective);
        return await SaveAsync(
            id,
            goalId,
            objectiveId,
            () =>
            {
                if (objective is null)
                {
                    return Plan.AddObjective(goal.Id, details);
                }

                Plan.UpdateObjective(objective.Id, details);
                return objective;
            },
            objective is null ? "The objective is added." : "The objective is saved.",
            compareFields: objective is not null);
    }

    public async Task<IActionResult> OnPostDiscontinueAsync(Guid id, Guid? goalId, Guid? objectiveId)
    {
        if (!await LoadAsync(id, goalId, objectiveId) || Objective is null)
        {
            return NotFound();
        }

        KeepOnlyPosted(nameof(InputModel.DiscontinuedReason));
        if (!ModelState.GoesOnToSave(Plan))
        {
            return Page();
        }

        var objective = Objective;
        return await SaveAsync(
            id,
            goalId,
            objectiveId,
            () =>
            {
                Plan.DiscontinueObjective(objective.Id, Input.DiscontinuedReason ?? string.Empty);
                return objective;
            },
            "The objective is discontinued. It stays in the plan with its reason.",
            compareFields: false);
    }

    public Task<IActionResult> OnPostMoveUpAsync(Guid id, Guid? goalId, Guid? objectiveId) => MoveAsync(id, goalId, objectiveId, -1);

    public Task<IActionResult> OnPostMoveDownAsync(Guid id, Guid? goalId, Guid? objectiveId) => MoveAsync(id, goalId, objectiveId, 1);

    private async Task<IActionResult> MoveAsync(Guid id, Guid? goalId, Guid? objectiveId, int direction)
    {
        if (!await LoadAsync(id, goalId, objectiveId) || Objective is null)
        {
            return NotFound();
        }

        KeepOnlyPosted(null);
        var objective = Objective;
        return await SaveAsync(
            id,
            goalId,
            objectiveId,
            () =>
            {
                Plan.MoveObjective(objective.Id, direction);
                return objective;
            },
            "The order of the objectives is saved.",
            compareFields: false);
    }

    private async Task<IActionResult> SaveAsync(Guid id, Guid? goalId, Guid? objectiveId, Func<PlanObjective> change, string status, bool compareFields)
    {
        // Editing shows the objective as saved now beside what was typed; discontinuing and moving act on it as it was
        // read, so a stale one is shown again as saved, to be read before acting.
        var acting = !compareFields && Objective is not null;
        PlanObjective? saved = null;
        var outcome = await db.SavePlanAsync(
            ModelState,
            Plan,
            Input,
            _ => saved = change(),
            async () => await LoadAsync(id, goalId, objectiveId) ? Plan : null,
            compareFields ? _ => SavedAsTyped() : null);
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            if (Conflicts.Count > 0 && acting && Objective is not null)
            {
                Input = SavedAsTyped();
            }

            return Page();
        }

        TempData["Status"] = status;
        return RedirectToPage("Details", null, new { id }, $"objective-{saved!.LineageId}");
    }

    /// The objective as saved now, in the form's shape (the reason typed is not part of it).
    private InputModel SavedAsTyped()
    {
        var current = new InputModel { Version = Plan.Version, DiscontinuedReason = Input.DiscontinuedReason };
        current.CopyFrom(Objective!);
        return current;
    }

    /// Discontinue and move post only the version (and the reason): the rest of the form shows the saved objective.
    private void KeepOnlyPosted(string? field)
    {
        foreach (var key in ModelState.Keys.Where(k => field is null || k != $"Input.{field}").ToList())
        {
            ModelState.Remove(key);
        }

        var (reason, version) = (Input.DiscontinuedReason, Input.Version);
        Input.CopyFrom(Objective!);
        Input.DiscontinuedReason = reason;
        Input.Version = version;
    }

    /// False when the plan, the goal or the objective is not this user's to see, or the objective is not under the
    /// goal named with it (a child id under the wrong parent).
    private async Task<bool> LoadAsync(Guid id, Guid? goalId, Guid? objectiveId)
    {
        var plan = await db.FindVisiblePlanAsync(User, id);
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        (Goal, Objective) = (null, null);
        if (objectiveId is { } wantedObjective)
        {
            Objective = plan.AllObjectives.FirstOrDefault(o => o.Id == wantedObjective);
            if (Objective is null)
            {
                return false;
            }

            Goal = plan.Goals.Single(g => g.Id == Objective.GoalId);
            if (goalId is { } named && named != Goal.Id)
            {
                return false;
            }
        }
        else if (goalId is { } wantedGoal)
        {
            Goal = plan.Goals.FirstOrDefault(g => g.Id == wantedGoal);
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
        [Required(ErrorMessage = "Describe how progress will be measured.")]
        [StringLength(PlanObjective.MaxLength.Criterion, ErrorMessage = "Use at most {1} characters.")]
        [MultiLine]
        [Display(Name = "Measurable criterion")]
        public string? Criterion { get; set; }

        [EnumDataType(typeof(MetricType))]
        [Display(Name = "Measured as")]
        public MetricType MetricType { get; set; }

        [StringLength(PlanObjective.MaxLength.Measure, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Baseline")]
        public string? Baseline { get; set; }

        [Display(Name = "Baseline date")]
        public DateOnly? BaselineOn { get; set; }

        [Required(ErrorMessage = "Enter the target.")]
        [StringLength(PlanObjective.MaxLength.Measure, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Target")]
        public string? Target { get; set; }

        [Display(Name = "Target date")]
        public DateOnly? TargetOn { get; set; }

        [StringLength(PlanObjective.MaxLength.Method, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "How it is measured")]
        public string? MeasurementMethod { get; set; }

        [EnumDataType(typeof(ResponsibleParty))]
        [Display(Name = "Responsible")]
        public ResponsibleParty Responsible { get; set; }

        [StringLength(PlanObjective.MaxLength.ResponsibleName, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Responsible person's name")]
        public string? ResponsibleName { get; set; }

        [EnumDataType(typeof(GoalStatus))]
        public GoalStatus Status { get; set; } = GoalStatus.NotStarted;

        [StringLength(PlanObjective.MaxLength.Reason, ErrorMessage = "Use at most {1} characters.")]
        [MultiLine]
        [Display(Name = "Why is the objective discontinued?")]
        public string? DiscontinuedReason { get; set; }

        public long Version { get; set; }

        public ObjectiveDetails ToDetails() => new(
            Criterion ?? string.Empty, MetricType, Baseline, BaselineOn, Target ?? string.Empty, TargetOn, MeasurementMethod,
            Responsible, ResponsibleName, Status);

        public void CopyFrom(PlanObjective objective)
        {
            ArgumentNullException.ThrowIfNull(objective);
            Criterion = objective.Criterion;
            MetricType = objective.MetricType;
            Baseline = objective.Baseline;
            BaselineOn = objective.BaselineOn;
            Target = objective.Target;
            TargetOn = objective.TargetOn;
            MeasurementMethod = objective.MeasurementMethod;
            Responsible = objective.Responsible;
            ResponsibleName = objective.ResponsibleName;
            Status = objective.Status;
        }
    }
}
