using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

// Adds an intervention under an objective or edits one (DOMAIN.md §3 Intervention); discontinues it with a
// reason and moves it among the interventions of its objective.
public sealed class InterventionModel(SafeHomeDbContext db) : PlanItemPage<PlanIntervention, InterventionModel.InputModel>(db)
{
    // The objective the intervention belongs to (or is added under).
    public PlanObjective? Objective { get; private set; }

    public PlanIntervention? Intervention => Item;

    protected override bool ParentMissing => Objective is null;

    public Task<IActionResult> OnGetAsync(Guid id, Guid? objectiveId, Guid? interventionId) => ShowAsync(id, interventionId, objectiveId);

    public Task<IActionResult> OnPostAsync(Guid id, Guid? objectiveId, Guid? interventionId) => SaveInputAsync(
        id,
        interventionId,
        objectiveId,
        plan => plan.AddIntervention(Objective!.Id, Input.ToDetails()),
        (plan, intervention) => plan.UpdateIntervention(intervention.Id, Input.ToDetails()),
        ("The intervention is added.", "The intervention is saved."));

    public Task<IActionResult> OnPostDiscontinueAsync(Guid id, Guid? objectiveId, Guid? interventionId) => ActAsync(
        id,
        interventionId,
        objectiveId,
        nameof(InputModel.DiscontinuedReason),
        (plan, intervention) => plan.DiscontinueIntervention(intervention.Id, Input.DiscontinuedReason ?? string.Empty),
        "The intervention is discontinued. It stays in the plan with its reason.");

    public Task<IActionResult> OnPostMoveUpAsync(Guid id, Guid? objectiveId, Guid? interventionId) => MoveAsync(id, objectiveId, interventionId, -1);

    public Task<IActionResult> OnPostMoveDownAsync(Guid id, Guid? objectiveId, Guid? interventionId) => MoveAsync(id, objectiveId, interventionId, 1);

    protected override PlanIntervention? FindItem(ServicePlan plan, Guid itemId) =>
        plan.AllObjectives.SelectMany(o => o.Interventions).FirstOrDefault(i => i.Id == itemId);

    protected override bool FindParent(ServicePlan plan, Guid? parentId)
    {
        Objective = Intervention is { } intervention ? plan.AllObjectives.Single(o => o.Id == intervention.ObjectiveId)
            : parentId is { } wanted ? plan.AllObjectives.FirstOrDefault(o => o.Id == wanted)
            : null;
        return parentId is null || Objective?.Id == parentId;
    }

    protected override InputModel AsTyped(PlanIntervention item)
    {
        var typed = new InputModel { DiscontinuedReason = Input.DiscontinuedReason };
        typed.CopyFrom(item);
        return typed;
    }

    protected override string Anchor(PlanIntervention item) => $"intervention-{item.LineageId}";

    private Task<IActionResult> MoveAsync(Guid id, Guid? objectiveId, Guid? interventionId, int direction) => ActAsync(
        id, interventionId, objectiveId, null, (plan, intervention) => plan.MoveIntervention(intervention.Id, direction), "The order of the interventions is saved.");

    public sealed class InputModel : IVersionedInput
    {
        [Required(ErrorMessage = "Name the kind of intervention.")]
        [StringLength(PlanIntervention.MaxLength.ShortText, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Kind of intervention")]
        public string? Type { get; set; }

        [StringLength(PlanIntervention.MaxLength.ShortText, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Model or curriculum")]
        public string? Model { get; set; }

        [StringLength(PlanIntervention.MaxLength.ShortText, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "How often")]
        public string? Frequency { get; set; }

        [StringLength(PlanIntervention.MaxLength.Provider, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Provider")]
        public string? Provider { get; set; }

        [StringLength(PlanIntervention.MaxLength.ShortText, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Responsible staff")]
        public string? ResponsibleStaff { get; set; }

        [Display(Name = "Starts on")]
        public DateOnly? StartOn { get; set; }

        [Display(Name = "Ends on")]
        public DateOnly? EndOn { get; set; }

        [StringLength(PlanIntervention.MaxLength.Reason, ErrorMessage = "Use at most {1} characters.")]
        [MultiLine]
        [Display(Name = "Why is the intervention discontinued?")]
        public string? DiscontinuedReason { get; set; }

        public long Version { get; set; }

        public InterventionDetails ToDetails() => new(Type ?? string.Empty, Model, Frequency, Provider, ResponsibleStaff, StartOn, EndOn);

        // Choices aside, only typing says that a first intervention was meant (see GoalModel).
        public bool IsBlank() =>
            new[] { Type, Model, Frequency, Provider, ResponsibleStaff }.All(string.IsNullOrWhiteSpace) && StartOn is null && EndOn is null;

        public void CopyFrom(PlanIntervention intervention)
        {
            ArgumentNullException.ThrowIfNull(intervention);
            Type = intervention.Type;
            Model = intervention.Model;
            Frequency = intervention.Frequency;
            Provider = intervention.Provider;
            ResponsibleStaff = intervention.ResponsibleStaff;
            StartOn = intervention.StartOn;
            EndOn = intervention.EndOn;
        }
    }
}
