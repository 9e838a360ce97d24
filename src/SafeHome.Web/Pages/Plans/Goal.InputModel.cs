using System.ComponentModel.DataAnnotations;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

public sealed partial class GoalModel
{
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
