using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

// Adds a goal to a plan version or edits one (DOMAIN.md §3 PlanDomain → Goal), with its optional goal attainment
// scale; discontinues a goal with a reason, and moves it among the goals of its domain.
public sealed class GoalModel(SafeHomeDbContext db) : PlanItemPage<PlanGoal, GoalModel.InputModel>(db)
{
    public PlanGoal? Goal => Item;

    public Task<IActionResult> OnGetAsync(Guid id, Guid? goalId) => ShowAsync(id, goalId);

    public Task<IActionResult> OnPostAsync(Guid id, Guid? goalId) => SaveInputAsync(
        id,
        goalId,
        null,
        plan => plan.AddGoal(Input.ToDetails()),
        (plan, goal) => plan.UpdateGoal(goal.Id, Input.ToDetails()),
        ("The goal is added.", "The goal is saved."));

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

        public static InputModel From(PlanGoal goal, string? discontinuedReason)
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
                DiscontinuedReason = discontinuedReason,
            };
        }
    }
}
