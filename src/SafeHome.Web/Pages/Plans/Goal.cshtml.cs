using Microsoft.AspNetCore.Mvc;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

// Adds a goal to a plan version or edits one (DOMAIN.md §3 PlanDomain → Goal), with its optional goal attainment
// scale; discontinues a goal with a reason, and moves it among the goals of its domain. A goal can be added with its
// first objective and first intervention in the same form and the same save, so a plan can be written in one pass.
public sealed partial class GoalModel(SafeHomeDbContext db) : PlanItemPage<PlanGoal, GoalModel.InputModel>(db)
{
    // Named, so that a post without these fields is not bound from the form's other fields (the framework falls back
    // to an empty prefix for a top-level model it finds no fields for).
    [BindProperty(Name = nameof(FirstObjective))]
    public ObjectiveModel.InputModel FirstObjective { get; set; } = new();

    [BindProperty(Name = nameof(FirstIntervention))]
    public InterventionModel.InputModel FirstIntervention { get; set; } = new();

    public PlanGoal? Goal => Item;

    public Task<IActionResult> OnGetAsync(Guid id, Guid? goalId) => ShowAsync(id, goalId);

    public Task<IActionResult> OnPostAsync(Guid id, Guid? goalId)
    {
        var (withObjective, withIntervention) = FirstSteps(adding: goalId is null);
        var added = withIntervention ? "The goal is added with its first objective and intervention."
            : withObjective ? "The goal is added with its first objective." : "The goal is added.";
        // A rule refused by the objective or the intervention is said beside that step's field, not the goal's.
        var step = nameof(Input);
        return SaveInputAsync(
            id,
            goalId,
            null,
            plan =>
            {
                var goal = plan.AddGoal(Input.ToDetails());
                if (withObjective)
                {
                    step = nameof(FirstObjective);
                    var objective = plan.AddObjective(goal.Id, FirstObjective.ToDetails());
                    if (withIntervention)
                    {
                        step = nameof(FirstIntervention);
                        plan.AddIntervention(objective.Id, FirstIntervention.ToDetails());
                    }
                }

                return goal;
            },
            (plan, goal) => plan.UpdateGoal(goal.Id, Input.ToDetails()),
            (added, "The goal is saved."),
            refused: error => ModelState.AddRuleError(error, step));
    }

    public Task<IActionResult> OnPostDiscontinueAsync(Guid id, Guid? goalId) => ActAsync(
        id,
        goalId,
        null,
        nameof(InputModel.DiscontinuedReason),
        (plan, goal) => plan.DiscontinueGoal(goal.Id, Input.DiscontinuedReason ?? string.Empty),
        "The goal is discontinued. It stays in the plan with its reason.");

    public Task<IActionResult> OnPostMoveUpAsync(Guid id, Guid? goalId) => MoveAsync(id, goalId, -1);

    public Task<IActionResult> OnPostMoveDownAsync(Guid id, Guid? goalId) => MoveAsync(id, goalId, 1);

    protected override PlanGoal? FindItem(ServicePlan plan, Guid itemId) => plan.Goals.FirstOrDefault(g => g.Id == itemId);

    protected override InputModel AsTyped(PlanGoal item) => InputModel.From(item, Input.DiscontinuedReason);

    protected override string Anchor(PlanGoal item) => $"goal-{item.LineageId}";

    private Task<IActionResult> MoveAsync(Guid id, Guid? goalId, int direction) =>
        ActAsync(id, goalId, null, null, (plan, goal) => plan.MoveGoal(goal.Id, direction), "The order of the goals is saved.");

    // Which first steps come with a new goal. The choices in a step always post a value, so only typing says the
    // person meant to add it; a value that could not be read counts as typing, so it is not dropped unseen. A step
    // left empty is no step: its messages go, and a goal alone saves as before.
    private (bool Objective, bool Intervention) FirstSteps(bool adding)
    {
        var objective = adding && Typed(nameof(FirstObjective), !FirstObjective.IsBlank());
        var intervention = adding && Typed(nameof(FirstIntervention), !FirstIntervention.IsBlank());
        if (!objective)
        {
            Forget(nameof(FirstObjective));
        }

        if (!intervention)
        {
            Forget(nameof(FirstIntervention));
        }
        else if (!objective)
        {
            ModelState.AddModelError(nameof(FirstIntervention), "Add the first objective too, or leave the intervention empty.");
        }

        return (objective, intervention);
    }

    private bool Typed(string prefix, bool typed) =>
        typed || ModelState.FindKeysWithPrefix(prefix).Any(e => e.Value.Errors.Count > 0 && !string.IsNullOrWhiteSpace(e.Value.AttemptedValue));

    private void Forget(string prefix)
    {
        foreach (var key in ModelState.FindKeysWithPrefix(prefix).Select(e => e.Key).ToList())
        {
            ModelState.Remove(key);
        }
    }
}
