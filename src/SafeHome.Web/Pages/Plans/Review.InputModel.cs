using System.ComponentModel.DataAnnotations;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

public sealed partial class ReviewModel
{
    public sealed class InputModel : IVersionedInput
    {
        [Required(ErrorMessage = "Choose the kind of review.")]
        [EnumDataType(typeof(ReviewType))]
        [Display(Name = "Kind of review")]
        public ReviewType? Type { get; set; }

        [EnumDataType(typeof(ReviewTrigger))]
        [Display(Name = "What triggered it")]
        public ReviewTrigger? Trigger { get; set; }

        [Required(ErrorMessage = "Enter the date the review was held.")]
        [Display(Name = "Held on")]
        public DateOnly? HeldOn { get; set; }

        [Display(Name = "Next review due")]
        public DateOnly? NextDueOn { get; set; }

        [Required(ErrorMessage = "Record what was decided.")]
        [StringLength(PlanReview.DecisionsMaxLength, ErrorMessage = "{0} can be at most {1} characters.")]
        [MultiLine]
        [Display(Name = "Decisions")]
        public string? Decisions { get; set; }

        public List<ObjectiveRating> Objectives { get; set; } = [];

        public List<GoalRating> Goals { get; set; } = [];

        public long Version { get; set; }

        public ReviewDetails ToDetails(DateOnly nextDueOn) => new(
            Type!.Value,
            Trigger,
            HeldOn!.Value,
            Decisions ?? string.Empty,
            nextDueOn,
            [.. Objectives.Select(o => (o.ObjectiveId, o.Status!.Value))],
            [.. Goals.Select(g => (g.GoalId, g.Level))]);
    }

    public sealed class ObjectiveRating
    {
        public Guid ObjectiveId { get; set; }

        [Required(ErrorMessage = "Choose a status.")]
        [EnumDataType(typeof(GoalStatus))]
        [Display(Name = "Status")]
        public GoalStatus? Status { get; set; }
    }

    public sealed class GoalRating
    {
        public Guid GoalId { get; set; }

        [Required(ErrorMessage = "Choose the level that describes where the youth is now.")]
        [EnumDataType(typeof(GasLevel))]
        [Display(Name = "Attainment level")]
        public GasLevel? Level { get; set; }
    }
}
