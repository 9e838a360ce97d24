using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

// Adds a measurable objective under a goal or edits one (DOMAIN.md §3 Objective); discontinues it with a reason
// and moves it among the objectives of its goal.
public sealed class ObjectiveModel(SafeHomeDbContext db) : PlanItemPage<PlanObjective, ObjectiveModel.InputModel>(db)
{
    // The goal the objective belongs to (or is added under).
    public PlanGoal? Goal { get; private set; }

    public PlanObjective? Objective => Item;

    protected override bool ParentMissing => Goal is null;

    public Task<IActionResult> OnGetAsync(Guid id, Guid? goalId, Guid? objectiveId) => ShowAsync(id, objectiveId, goalId);

    public Task<IActionResult> OnPostAsync(Guid id, Guid? goalId, Guid? objectiveId) => SaveInputAsync(
        id,
        objectiveId,
        goalId,
        plan => plan.AddObjective(Goal!.Id, Input.ToDetails()),
        (plan, objective) => plan.UpdateObjective(objective.Id, Input.ToDetails()),
        ("The objective is added.", "The objective is saved."));

    public Task<IActionResult> OnPostDiscontinueAsync(Guid id, Guid? goalId, Guid? objectiveId) => ActAsync(
        id,
        objectiveId,
        goalId,
        nameof(InputModel.DiscontinuedReason),
        (plan, objective) => plan.DiscontinueObjective(objective.Id, Input.DiscontinuedReason ?? string.Empty),
        "The objective is discontinued. It stays in the plan with its reason.");

    public Task<IActionResult> OnPostMoveUpAsync(Guid id, Guid? goalId, Guid? objectiveId) => MoveAsync(id, goalId, objectiveId, -1);

    public Task<IActionResult> OnPostMoveDownAsync(Guid id, Guid? goalId, Guid? objectiveId) => MoveAsync(id, goalId, objectiveId, 1);

    protected override PlanObjective? FindItem(ServicePlan plan, Guid itemId) => plan.AllObjectives.FirstOrDefault(o => o.Id == itemId);

    protected override bool FindParent(ServicePlan plan, Guid? parentId)
    {
        Goal = Objective is { } objective ? plan.Goals.Single(g => g.Id == objective.GoalId)
            : parentId is { } wanted ? plan.Goals.FirstOrDefault(g => g.Id == wanted)
            : null;
        return parentId is null || Goal?.Id == parentId;
    }

    protected override InputModel AsTyped(PlanObjective item)
    {
        var typed = new InputModel { DiscontinuedReason = Input.DiscontinuedReason };
        typed.CopyFrom(item);
        return typed;
    }

    protected override string Anchor(PlanObjective item) => $"objective-{item.LineageId}";

    private Task<IActionResult> MoveAsync(Guid id, Guid? goalId, Guid? objectiveId, int direction) => ActAsync(
        id, objectiveId, goalId, null, (plan, objective) => plan.MoveObjective(objective.Id, direction), "The order of the objectives is saved.");

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

        // Choices always post a value; only typing says that a first objective was meant (see GoalModel).
        public bool IsBlank() =>
            new[] { Criterion, Baseline, Target, MeasurementMethod, ResponsibleName }.All(string.IsNullOrWhiteSpace) && BaselineOn is null && TargetOn is null;

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
